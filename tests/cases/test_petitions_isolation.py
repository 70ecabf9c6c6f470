"""A petition render is bounded by real CPU time, memory and a wall clock, whatever the template does.

The sandbox's budget counts loop steps and text sizes; these templates stay inside it and still
burn CPU (megabyte comparisons and ``in`` tests repeated in loops) or hold hundreds of megabytes
(many large ``{% set %}`` values). Each must be refused with a clear message. The limits are small
here so the refusals come quickly; the 60-second guard only stops a hang from stalling the suite.
"""

import os
import signal
import time

import pytest

from cases.errors import TemplateError
from cases.petitions import RenderLimits, check_template, isolation, render_bounded, render_docx
from tests.cases.test_petitions_render import context, make_docx, texts

LIMITS = RenderLimits(cpu_seconds=1, memory_mb=128, wall_seconds=30)
HANG_GUARD = 60  # seconds: far above any refusal, only there to fail instead of hanging

QUADRATIC_IN = (
    "{% set hay = 'a' * 999000 ~ 'b' %}{% set needle = 'a' * 500 ~ 'c' %}"
    "{% for c in 'x' * 40000 %}{% if needle in hay %}bulundu{% endif %}{% endfor %}"
)
EQUAL_IN_NESTED_LOOPS = (
    "{% set a = '𝄞b' * 450000 %}{% set b = '𝄞b' * 449999 ~ 'b𝄞' %}"
    "{% for i in 'x' * 220 %}{% for j in 'x' * 220 %}{% if a == b %}aynı{% endif %}{% endfor %}{% endfor %}"
)
# Four-byte characters: each comparison reads four times the bytes for the same weight, so the
# loop costs seconds of CPU even on a fast idle machine (in-cache comparisons are very quick).
LIST_MEMBERSHIP_IN_A_LOOP = (
    "{% set items = ['𝄞' * 500] * 1900 %}{% set other = '𝄞' * 499 ~ 'b' %}"
    "{% for c in 'x' * 49000 %}{% if other in items %}var{% endif %}{% endfor %}"
)
MANY_LARGE_SETS = "".join(f"{{% set metin{i} = 'ş' * 999999 %}}" for i in range(300)) + "{{ metin1[0] }}"


def _refused(template: str, limits: RenderLimits = LIMITS) -> TemplateError:
    start = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        render_bounded(make_docx("Dilekçe", template), context(), limits)
    assert time.monotonic() - start < HANG_GUARD
    return caught.value


@pytest.mark.parametrize(
    "template",
    [QUADRATIC_IN, EQUAL_IN_NESTED_LOOPS, LIST_MEMBERSHIP_IN_A_LOOP],
    ids=["quadratic-in", "equal-in-nested-loops", "list-membership-in-loop"],
)
def test_a_template_that_burns_cpu_is_stopped_with_a_clear_message(template):
    error = _refused(template)
    assert error.message == isolation.TOO_SLOW
    assert "takes too long to fill in" in str(error) and "1 seconds" in str(error)


def test_a_template_that_holds_too_much_memory_is_stopped_with_a_clear_message():
    error = _refused(MANY_LARGE_SETS)
    assert error.message == isolation.TOO_BIG
    assert "more than 128 MB" in str(error)


def test_a_render_that_outlasts_the_wall_clock_is_killed():
    slow = RenderLimits(cpu_seconds=600, memory_mb=128, wall_seconds=1)
    error = _refused(QUADRATIC_IN, slow)
    assert error.message == isolation.TOO_SLOW
    assert "after 1 seconds" in str(error)


def test_a_good_template_renders_as_it_would_in_process_even_after_a_refusal():
    _refused(MANY_LARGE_SETS)
    template = make_docx("Sayın {{ member.full_name }}", "{% for p in facts %}{{ p }}{% endfor %}")
    assert texts(render_bounded(template, context(), LIMITS)) == texts(render_docx(template, context()))


def test_sandbox_errors_come_back_from_the_worker_with_their_message_and_detail():
    with pytest.raises(TemplateError, match="field that does not exist") as caught:
        render_bounded(make_docx("{{ olmayan_alan }}"), context(), LIMITS)
    assert "olmayan_alan" in caught.value.params["detail"]
    with pytest.raises(TemplateError, match="may not call functions"):
        render_bounded(make_docx("{{ member.full_name.upper() }}"), context(), LIMITS)


def test_an_idle_worker_that_died_is_replaced_before_use():
    worker = isolation._take()
    isolation._give_back(worker)
    os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.wait()
    assert texts(render_bounded(make_docx("Merhaba"), context(), LIMITS)) == ["Merhaba"]


def test_a_worker_killed_mid_render_is_reported_and_the_next_render_works():
    import threading

    isolation.shutdown()
    render_bounded(make_docx("ısınma"), context(), LIMITS)  # one warm worker, whose pid we know
    (pid,) = isolation.worker_pids()
    threading.Timer(1.0, os.kill, (pid, signal.SIGKILL)).start()
    error = _refused(QUADRATIC_IN, RenderLimits(cpu_seconds=600, memory_mb=128, wall_seconds=30))
    assert error.message == isolation.CRASHED
    assert texts(render_bounded(make_docx("Merhaba"), context(), LIMITS)) == ["Merhaba"]


def test_the_upload_check_renders_the_sample_within_the_configured_bounds():
    previous = isolation.current_limits()
    isolation.configure(LIMITS)
    try:
        with pytest.raises(TemplateError, match="takes too long"):
            check_template(make_docx(QUADRATIC_IN), sample_context=context())
    finally:
        isolation.configure(previous)


def test_the_worker_inherits_no_secrets_from_the_parent(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "gizli-anahtar")
    monkeypatch.setenv("DATABASE_URL", "postgresql://kullanici:parola@db/dayanak")
    isolation.shutdown()  # the next render starts a worker with this environment
    render_bounded(make_docx("Merhaba"), context(), LIMITS)
    (pid,) = isolation.worker_pids()
    with open(f"/proc/{pid}/environ", "rb") as handle:
        environment = handle.read()
    assert b"gizli-anahtar" not in environment and b"parola" not in environment


def test_renders_beyond_the_concurrent_limit_wait_then_are_refused(monkeypatch):
    import threading

    monkeypatch.setattr(isolation, "_busy", threading.BoundedSemaphore(1))
    isolation._busy.acquire()  # another render holds the only slot for longer than the wall clock
    try:
        with pytest.raises(TemplateError) as caught:
            render_bounded(make_docx("Merhaba"), context(), RenderLimits(1, 128, 0.2))
        assert caught.value.message == isolation.BUSY
    finally:
        isolation._busy.release()
    assert texts(render_bounded(make_docx("Merhaba"), context(), LIMITS)) == ["Merhaba"]
