"""Resource limits of a petition render, so no template can exhaust memory or hang a worker.

The sandbox keeps a template away from Python's internals; these limits keep it from burning
time or memory with what it may use. Per document: at most ``MAX_OUTPUT`` characters come out,
loops run at most ``MAX_ITERATIONS`` times, and filters handle at most ``MAX_FILTER_WORK`` items
or characters. Any one value a template builds or prints (a text, a list, a ``~`` chain, a
literal, a filter's input or result) may weigh at most ``MAX_SEQUENCE`` characters, counting
shared parts every time they would print, so doubling tricks stop early.
"""

import contextlib
import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join

from cases.i18n import N_

MAX_SEQUENCE = 1_000_000  # the weight of one value: characters it prints, items it holds
MAX_OUTPUT = 20_000_000  # characters one document may produce, all its parts together
MAX_ITERATIONS = 50_000  # loop iterations in one document
MAX_FILTER_WORK = 10_000_000  # characters and items the filters of one document may handle
COUNTED = "_counted"  # the hidden filter every ``{% for %}`` iterates through


class PolicyViolation(SecurityError):
    """A template breaks a petition rule; ``message`` is translatable, ``detail`` names the culprit."""

    def __init__(self, message: str, detail: str, lineno: int | None = None) -> None:
        super().__init__(message % {"detail": detail})
        self.template_message = message
        self.detail = detail
        self.lineno = lineno


class Budget:
    """What one document may still spend."""

    __slots__ = ("filter_work", "iterations", "output")

    def __init__(self) -> None:
        self.output = MAX_OUTPUT
        self.iterations = MAX_ITERATIONS
        self.filter_work = MAX_FILTER_WORK


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("petition_budget", default=None)


@contextlib.contextmanager
def document_budget() -> Iterator[Budget]:
    """One budget for every part of a document rendered inside the block."""
    token = _BUDGET.set(Budget())
    try:
        yield _BUDGET.get()  # type: ignore[misc]
    finally:
        _BUDGET.reset(token)


def current_budget() -> Budget:
    """The budget of the document being rendered (a fresh one outside ``document_budget``)."""
    budget = _BUDGET.get()
    return budget if budget is not None else Budget()


def bounded_concat(pieces: Iterable[str]) -> str:
    """Join a template's output as it streams, refusing it once the document grows too long.

    Jinja runs the template while this consumes it, so the budget is in force during the render.
    """
    token = _BUDGET.set(Budget()) if _BUDGET.get() is None else None
    try:
        budget = current_budget()
        kept = []
        for piece in pieces:
            budget.output -= len(piece)
            if budget.output < 0:
                raise PolicyViolation(N_("The document the template produces is too long (%(detail)s)."), "output")
            kept.append(piece)
        return "".join(kept)
    finally:
        if token is not None:
            _BUDGET.reset(token)


def weight(value: Any, limit: int = MAX_SEQUENCE) -> int:
    """About how many characters ``value`` prints as; counting stops once it passes ``limit``.

    Shared parts count every time they appear, which is what printing or comparing them costs.
    """
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, Mapping):
            total += len(item) + 1
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += len(item) + 1
            stack.extend(item)
        else:
            total += 8  # a number, a date, a flag, an iterator
    return total


def check_weight(value: Any, what: str) -> Any:
    """``value`` unchanged, or PolicyViolation when it weighs more than ``MAX_SEQUENCE``."""
    if weight(value) > MAX_SEQUENCE:
        raise PolicyViolation(N_("A text in the template is too long (%(detail)s)."), what)
    return value


def counted(iterable: Any) -> Iterator[Any]:
    """Iterate ``iterable``, charging each step to the document's loop budget."""
    budget = current_budget()
    for item in iterable:
        budget.iterations -= 1
        if budget.iterations < 0:
            raise PolicyViolation(N_("The template's loops run too long (%(detail)s)."), "for")
        yield item


def _charged(value: Any, budget: Budget, name: str) -> Any:
    """The filter's input, its size charged (or, for a lazy input, each item as it is taken)."""
    if isinstance(value, str | list | tuple | Mapping | set | frozenset):
        budget.filter_work -= len(value)
        if budget.filter_work < 0:
            raise PolicyViolation(N_("The template's filters do too much work (%(detail)s)."), name)
        return value
    if isinstance(value, Iterator):
        return _charged_items(value, budget, name)
    return value


def _charged_items(items: Iterator[Any], budget: Budget, name: str) -> Iterator[Any]:
    for item in items:
        budget.filter_work -= 1
        if budget.filter_work < 0:
            raise PolicyViolation(N_("The template's filters do too much work (%(detail)s)."), name)
        yield item


def guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` with its inputs and its result weighed and its work charged to the budget."""
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context / environment first

    @functools.wraps(func)  # keeps jinja_pass_arg, so Jinja still passes the context
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = current_budget()
        check_weight((args[skip:], kwargs), f"|{name}")
        args = (*args[:skip], _charged(args[skip], budget, name), *args[skip + 1 :]) if len(args) > skip else args
        result = func(*args, **kwargs)
        if isinstance(result, list | tuple | Mapping):
            check_weight(result, f"|{name}")
        return result

    return guarded


@pass_eval_context
def bounded_join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    """Jinja's ``join``, refused before joining when the result would be too long."""
    items = list(_charged(value, current_budget(), "join"))
    if weight(items) + len(str(d)) * max(len(items) - 1, 0) > MAX_SEQUENCE:
        raise PolicyViolation(N_("A text in the template is too long (%(detail)s)."), "|join")
    return do_join(eval_ctx, items, d, attribute)


def count_loops(ast: nodes.Template, environment: Any) -> nodes.Template:
    """Make every ``{% for %}`` of ``ast`` iterate through the loop budget (changes ``ast``)."""
    for loop in list(ast.find_all(nodes.For)):
        loop.iter = nodes.Filter(loop.iter, COUNTED, [], [], None, None, lineno=loop.lineno)
    ast.set_environment(environment)
    return ast


class LimitedCodeGenerator(CodeGenerator):
    """Jinja's compiler, but literals and ``~`` chains are weighed before they are built."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"{join}(environment.check_weight((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("), '~'))")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._weighed(super().visit_List, node, frame, "[…]")

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._weighed(super().visit_Dict, node, frame, "{…}")

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # a loop or set target: names, not a value
            super().visit_Tuple(node, frame)
            return
        self._weighed(super().visit_Tuple, node, frame, "(…)")

    def _weighed(self, visit: Callable[..., None], node: nodes.Node, frame: Frame, what: str) -> None:
        self.write("environment.check_weight(")
        visit(node, frame)
        self.write(f", {what!r})")
