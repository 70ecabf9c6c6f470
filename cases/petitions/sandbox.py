"""The sandboxed Jinja environment petitions render in, and the rules a template must follow.

On top of Jinja's sandbox (no ``_``-attributes, no internals of functions and frames), a
template may not call anything (no method calls, macros or ``loop(...)``), include or import
other templates, switch autoescaping off, use a filter outside a short list of harmless ones,
or multiply text into gigabytes; ``limits`` bounds the time and memory a render may use.
Member text is always XML-escaped, so it comes out literally.
"""

import threading
from collections import OrderedDict
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.filters import FILTERS
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cases.i18n import N_
from cases.petitions.filters import PETITION_FILTERS, xml_safe
from cases.petitions.limits import (
    COUNTED,
    MAX_SEQUENCE,
    LimitedCodeGenerator,
    PolicyViolation,
    bounded_concat,
    bounded_join,
    check_weight,
    count_loops,
    counted,
    guarded_filter,
)

SAFE_BUILTIN_FILTERS = frozenset(
    {
        *("abs", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float"),
        *("groupby", "int", "join", "last", "length", "list", "lower", "map", "max", "min", "reject"),
        *("rejectattr", "reverse", "round", "select", "selectattr", "sort", "string", "striptags", "sum"),
        *("title", "trim", "truncate", "unique", "upper", "wordcount"),
    }
)
MAX_INT_BITS = 4096  # largest number a template may compute with ``*`` or ``**``
_CACHE_SIZE = 128  # compiled parts: a template has a body, headers, footers and properties


RESERVED_NAMES = frozenset({"self"})  # Jinja's reference to the template itself
__all__ = ["MAX_INT_BITS", "MAX_SEQUENCE", "SAFE_BUILTIN_FILTERS", "PetitionEnvironment", "PolicyViolation"]


def _finalize(value: Any) -> Any:
    """What a ``{{ … }}`` prints: weighed first, then cleaned of what XML cannot hold."""
    return xml_safe(check_weight(value, "{{ }}"))


class PetitionEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed, autoescaping, strict about undefined names, and caching compiled templates."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    code_generator_class = LimitedCodeGenerator  # weighs literals and ~ chains
    concat = staticmethod(bounded_concat)  # counts the output against the document's budget
    check_weight = staticmethod(check_weight)  # called by the generated code

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_finalize, auto_reload=False)
        self.globals.clear()  # no range, lipsum, dict, cycler, joiner, namespace
        chosen = {name: FILTERS[name] for name in SAFE_BUILTIN_FILTERS} | PETITION_FILTERS | {"join": bounded_join}
        self.filters = {name: guarded_filter(name, func) for name, func in chosen.items()}
        self.filters[COUNTED] = counted
        self._compiled: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        # Methods are never useful to a petition and would print their repr (an address).
        return super().is_safe_attribute(obj, attr, value) and not callable(value)

    def is_safe_callable(self, obj: Any) -> bool:
        return False  # nothing in a petition needs calling; filters are not calls

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        # Jinja's own call() lets str.format through before asking is_safe_callable.
        raise PolicyViolation(N_("A template may not call functions or methods (%(detail)s)."), _name(__obj))

    def call_filter(self, name: str, value: Any, *args: Any, **kwargs: Any) -> Any:
        # map('…') and friends name a filter in a string, out of the policy check's sight.
        if name not in self.filters or name.startswith("_"):
            raise PolicyViolation(N_("The filter %(detail)s is not allowed in a petition template."), name)
        return super().call_filter(name, value, *args, **kwargs)

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        _check_binop(operator_, left, right)
        result = self.binop_table[operator_](left, right)
        if isinstance(result, list | tuple):  # [big] + [big] + … would double what prints
            check_weight(result, operator_)
        return result

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        """Compile ``source`` once after checking it against the petition rules; later calls reuse it."""
        if not isinstance(source, str) or globals is not None or template_class is not None:
            return super().from_string(source, globals, template_class)
        with self._lock:
            template = self._compiled.get(source)
            if template is not None:
                self._compiled.move_to_end(source)
                return template
        ast = self.parse(source)
        check_policy(self, ast)
        template = super().from_string(count_loops(ast, self))
        with self._lock:
            self._compiled[source] = template
            while len(self._compiled) > _CACHE_SIZE:
                self._compiled.popitem(last=False)
        return template


def check_policy(env: PetitionEnvironment, ast: nodes.Template) -> None:
    """Raise PolicyViolation at the first construct a petition template may not use."""
    for node in ast.find_all(nodes.Node):
        _check_node(env, node)


def _check_node(env: PetitionEnvironment, node: nodes.Node) -> None:
    line = node.lineno
    if isinstance(node, nodes.Call | nodes.Macro | nodes.CallBlock):
        raise PolicyViolation(N_("A template may not call functions or methods (%(detail)s)."), _called(node), line)
    if isinstance(node, nodes.Extends | nodes.Include | nodes.Import | nodes.FromImport):
        tag = type(node).__name__.lower()
        raise PolicyViolation(N_("A template may not use other templates (%(detail)s)."), tag, line)
    if isinstance(node, nodes.EvalContextModifier):
        raise PolicyViolation(N_("A template may not switch escaping off (%(detail)s)."), "autoescape", line)
    attr = None
    if isinstance(node, nodes.Getattr):
        attr = node.attr
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        attr = node.arg.value
    if isinstance(attr, str) and attr.startswith("_"):
        raise PolicyViolation(N_("A template may not reach for Python internals (%(detail)s)."), attr, line)
    if isinstance(node, nodes.Name) and (node.name.startswith("_") or node.name in RESERVED_NAMES):
        raise PolicyViolation(N_("A template may not reach for Python internals (%(detail)s)."), node.name, line)
    if isinstance(node, nodes.Filter) and (node.name not in env.filters or node.name.startswith("_")):
        raise PolicyViolation(N_("The filter %(detail)s is not allowed in a petition template."), node.name, line)


def _check_binop(operator_: str, left: Any, right: Any) -> None:
    """Refuse arithmetic that would build a huge text, list or number (memory and CPU bombs)."""
    if operator_ == "%" and isinstance(left, str):
        raise PolicyViolation(N_("A template may not format text with %(detail)s."), "%")
    if operator_ == "+" and _sized(left) and _sized(right) and len(left) + len(right) > MAX_SEQUENCE:
        raise PolicyViolation(N_("A text in the template is too long (%(detail)s)."), "+")
    if operator_ == "*":
        for seq, times in ((left, right), (right, left)):
            if _sized(seq) and isinstance(times, int) and len(seq) * times > MAX_SEQUENCE:
                raise PolicyViolation(N_("A text in the template is too long (%(detail)s)."), "*")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise PolicyViolation(N_("A number in the template is too large (%(detail)s)."), "*")
    if operator_ == "**" and isinstance(right, int | float):
        bits = left.bit_length() if isinstance(left, int) else 64
        if abs(right) * max(bits, 1) > MAX_INT_BITS:
            raise PolicyViolation(N_("A number in the template is too large (%(detail)s)."), "**")


def _sized(value: Any) -> bool:
    return isinstance(value, str | list | tuple)


def _called(node: nodes.Node) -> str:
    if isinstance(node, nodes.Macro):
        return f"macro {node.name}"
    if isinstance(node, nodes.CallBlock):
        return "call"
    target = node.node  # type: ignore[attr-defined]
    if isinstance(target, nodes.Getattr):
        return f"{target.attr}()"
    if isinstance(target, nodes.Name):
        return f"{target.name}()"
    return "()"


def _name(obj: Any) -> str:
    return getattr(obj, "__name__", None) or type(obj).__name__
