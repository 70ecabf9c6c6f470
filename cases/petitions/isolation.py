"""Rendering a petition in a separate process bounded by CPU time, memory and a wall clock.

The sandbox and the render budget (``limits``) stop what a template may *ask* for; they cannot
see what one comparison or one ``in`` test costs on megabyte texts, nor how much memory many
large ``{% set %}`` values hold. So every render runs in a worker process (``worker.py``) under
``RLIMIT_CPU`` and ``RLIMIT_AS``, and the caller kills it when it overruns the wall clock. A
template that overruns any bound is refused with a ``TemplateError`` naming the bound.

Workers are started once and reused (a long-running server keeps them warm, with their compiled
templates); one that hit a limit, crashed or timed out is thrown away. Requests go to the worker
pickled (it trusts its parent); answers come back as JSON and raw bytes, so the parent never
unpickles anything a template could influence.
"""

import atexit
import contextlib
import json
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cases.errors import TemplateError
from cases.i18n import N_

ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the ``cases`` package
_HEADER = struct.Struct(">I")
START_TIMEOUT = 60.0  # seconds a new worker may take to import its libraries on a busy machine
MAX_IDLE = 4  # warm workers kept per process
MAX_BUSY = 4  # renders at once per process: a burst of hostile uploads cannot fill the machine
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "VIRTUAL_ENV")

TOO_SLOW = N_(
    "The template takes too long to fill in: it was stopped after %(seconds)s seconds. "
    "Simplify its loops and comparisons."
)
TOO_BIG = N_(
    "The template needs too much memory to fill in (more than %(megabytes)s MB). Keep fewer and shorter texts in it."
)
CRASHED = N_("The petition could not be filled in: the rendering process stopped unexpectedly.")
BUSY = N_("Too many petitions are being prepared at this moment. Please try again shortly.")


@dataclass(frozen=True)
class RenderLimits:
    """What one render may use: CPU seconds, memory above the worker's own, and wall-clock seconds."""

    cpu_seconds: int = 5
    memory_mb: int = 512
    wall_seconds: float = 15.0


_limits = RenderLimits()


def configure(limits: RenderLimits) -> None:
    """Set the bounds for later renders in this process (the web app does so from its config)."""
    global _limits
    _limits = limits


def current_limits() -> RenderLimits:
    return _limits


class WorkerLost(Exception):
    """The worker died or stopped answering; the render's outcome is unknown."""


def write_frame(stream: Any, data: bytes) -> None:
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


class _Worker:
    """One worker process and its pipes."""

    def __init__(self) -> None:
        # Only what Python needs: no secrets, database addresses or mail passwords of the parent.
        env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
        env["PYTHONPATH"] = str(ROOT)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cases.petitions.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            close_fds=True,
        )
        self.pid = os.getpid()  # the process that started it: a forked copy must not share it
        self._read_answer(START_TIMEOUT)  # the worker says it is ready once its imports are done

    def render(self, template: bytes, context: Mapping[str, object], limits: RenderLimits) -> tuple[dict, bytes]:
        request = pickle.dumps((template, dict(context), limits.cpu_seconds, limits.memory_mb), protocol=5)
        try:
            write_frame(self.process.stdin, request)
        except (BrokenPipeError, OSError) as exc:
            raise WorkerLost from exc
        return self._read_answer(limits.wall_seconds)

    def _read_answer(self, timeout: float) -> tuple[dict, bytes]:
        deadline = time.monotonic() + timeout
        header = json.loads(self._read_frame(deadline))
        body = self._read_frame(deadline)
        return header, body

    def _read_frame(self, deadline: float) -> bytes:
        size = _HEADER.unpack(self._read_exactly(_HEADER.size, deadline))[0]
        return self._read_exactly(size, deadline)

    def _read_exactly(self, size: int, deadline: float) -> bytes:
        assert self.process.stdout is not None  # started with stdout=PIPE
        fd = self.process.stdout.fileno()
        chunks, missing = [], size
        while missing:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError
            chunk = os.read(fd, min(missing, 1 << 20))
            if not chunk:
                raise WorkerLost
            chunks.append(chunk)
            missing -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def alive(self) -> bool:
        return self.pid == os.getpid() and self.process.poll() is None


_idle: list[_Worker] = []
_lock = threading.Lock()
_busy = threading.BoundedSemaphore(MAX_BUSY)


def _take() -> _Worker:
    with _lock:
        while _idle:
            worker = _idle.pop()
            if worker.alive():
                return worker
            if worker.pid == os.getpid():
                worker.kill()
    return _Worker()


def _give_back(worker: _Worker) -> None:
    with _lock:
        if len(_idle) < MAX_IDLE and worker.alive():
            _idle.append(worker)
            return
    worker.kill()


def worker_pids() -> list[int]:
    """The process ids of this process's idle workers (the benchmark reads their CPU time)."""
    with _lock:
        return [w.process.pid for w in _idle if w.alive()]


def shutdown() -> None:
    """Stop this process's idle workers (they also stop by themselves when it exits)."""
    with _lock:
        workers = [w for w in _idle if w.pid == os.getpid()]
        _idle.clear()
    for worker in workers:
        worker.kill()


atexit.register(shutdown)


def render_bounded(template: bytes, context: Mapping[str, object], limits: RenderLimits | None = None) -> bytes:
    """``render_docx(template, context)`` in a worker bounded by ``limits`` (the configured ones by default).

    Raises TemplateError for anything the template does wrong, including overrunning a bound, and
    when ``MAX_BUSY`` renders of this process stay busy for a whole wall-clock bound.
    """
    limits = limits or _limits
    if not _busy.acquire(timeout=limits.wall_seconds):
        raise TemplateError(BUSY)
    try:
        return _render(template, context, limits)
    finally:
        _busy.release()


def _render(template: bytes, context: Mapping[str, object], limits: RenderLimits) -> bytes:
    worker = _take()
    try:
        header, body = worker.render(template, context, limits)
    except TimeoutError:
        worker.kill()
        raise TemplateError(TOO_SLOW, seconds=_seconds(limits.wall_seconds)) from None
    except WorkerLost:
        worker.kill()
        raise TemplateError(CRASHED) from None
    except BaseException:
        worker.kill()
        raise
    status = header.get("status")
    if status == "ok":
        _give_back(worker)
        return body
    worker.kill() if header.get("retire") else _give_back(worker)
    if status == "cpu":
        raise TemplateError(TOO_SLOW, seconds=_seconds(limits.cpu_seconds))
    if status == "memory":
        raise TemplateError(TOO_BIG, megabytes=limits.memory_mb)
    if status == "error":
        return _raise_template_error(header)
    raise TemplateError(CRASHED)


def _raise_template_error(header: dict) -> bytes:
    params = header.get("params") or {}
    raise TemplateError(str(header.get("message") or CRASHED), **{str(k): v for k, v in params.items()})


def _seconds(value: float) -> str:
    return f"{value:g}"
