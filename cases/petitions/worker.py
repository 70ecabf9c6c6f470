"""The petition render worker: ``python -m cases.petitions.worker``, driven by ``isolation``.

It reads pickled requests (template, context, CPU seconds, memory MB) from stdin, renders each
under ``RLIMIT_CPU`` and ``RLIMIT_AS`` and answers on stdout with a JSON header and the .docx
bytes. After overrunning a limit it answers once more and exits, so no worker carries a
half-freed heap into the next render.
"""

import json
import math
import os
import pickle
import resource
import signal
import struct
import sys
from typing import Any, BinaryIO

from cases.errors import TemplateError

_HEADER = struct.Struct(">I")
_UNLIMITED = resource.RLIM_INFINITY


class CpuExceeded(BaseException):
    """Raised by the SIGXCPU handler; a BaseException so no ``except Exception`` swallows it."""


def _on_xcpu(signum: int, frame: Any) -> None:
    raise CpuExceeded


def _address_space() -> int:
    """Bytes of address space this process maps now."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _read(stream: BinaryIO, size: int) -> bytes | None:
    data = stream.read(size)
    return data if data and len(data) == size else None


def _send(stream: BinaryIO, header: dict, body: bytes = b"") -> None:
    encoded = json.dumps(header).encode("utf-8")
    stream.write(_HEADER.pack(len(encoded)) + encoded + _HEADER.pack(len(body)) + body)
    stream.flush()


def _plain(params: dict) -> dict:
    return {key: value if isinstance(value, int | float | str | None) else str(value) for key, value in params.items()}


def _limit(cpu_seconds: int, memory_mb: int, baseline: int) -> None:
    hard_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1]
    # RLIMIT_CPU counts whole seconds of the process's life, and a warm worker has used some
    # already: round what it used up, so a render always gets its full budget (at most a second more).
    soft_cpu = math.ceil(_cpu_used()) + max(int(cpu_seconds), 1)
    resource.setrlimit(resource.RLIMIT_CPU, (soft_cpu if hard_cpu == _UNLIMITED else min(soft_cpu, hard_cpu), hard_cpu))
    hard_as = resource.getrlimit(resource.RLIMIT_AS)[1]
    soft_as = baseline + int(memory_mb) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft_as if hard_as == _UNLIMITED else min(soft_as, hard_as), hard_as))


def _unlimit() -> None:
    for which in (resource.RLIMIT_CPU, resource.RLIMIT_AS):
        resource.setrlimit(which, (resource.getrlimit(which)[1],) * 2)


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """Render requests until stdin closes or a limit is overrun."""
    from cases.petitions.render import render_docx  # the heavy imports, before the baseline is taken

    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))  # a template that escaped could not start programs
    signal.signal(signal.SIGXCPU, _on_xcpu)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal is for the parent to handle
    baseline = _address_space()
    _send(answers, {"status": "ready"})
    while True:
        header = _read(requests, _HEADER.size)
        if header is None:
            return
        payload = _read(requests, _HEADER.unpack(header)[0])
        if payload is None:
            return
        template, context, cpu_seconds, memory_mb = pickle.loads(payload)  # noqa: S301 - from our parent
        del payload
        outcome: dict = {"status": "ok"}
        body = b""
        try:
            _limit(cpu_seconds, memory_mb, baseline)
            body = render_docx(template, context)
        except CpuExceeded:
            outcome = {"status": "cpu", "retire": True}
        except MemoryError:
            outcome = {"status": "memory", "retire": True}
        except TemplateError as exc:
            outcome = {"status": "error", "message": exc.message, "params": _plain(exc.params)}
        finally:
            _unlimit()
        del template, context
        _send(answers, outcome, body)
        if outcome.get("retire"):
            return


if __name__ == "__main__":
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt the answers
    serve(sys.stdin.buffer, answers)
