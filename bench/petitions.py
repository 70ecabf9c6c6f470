"""Petition generation speed: documents per second, and the cost over a bare docxtpl render.

    .venv/bin/python -m bench.petitions [--seconds 3] [--template iptal-davasi]

"Ours" is what the web layer does for each document: build the context from a case snapshot
and the lawyer's form, then render in the sandbox and save. "Bare" is plain docxtpl on the
same template and context with an ordinary (non-sandboxed) Jinja environment. Targets: at
least 50 documents per second, and ours/bare time at most 1.3. Exits 1 when one is missed.
"""

import argparse
import io
import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import Environment

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # also runnable as ``python bench/petitions.py``
    sys.path.insert(0, str(ROOT))

from cases.petitions import (  # noqa: E402
    PETITION_FILTERS,
    SAMPLE_TODAY,
    build_context,
    isolation,
    render_petition,
    sample_case,
    sample_extra,
)

TEMPLATES = ROOT / "app" / "petition_templates"
MIN_RATE = 50.0
MAX_RATIO = 1.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="iptal-davasi", help="slug of a default template")
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    template = (TEMPLATES / f"{args.template}.docx").read_bytes()
    snapshot, extra = sample_case(), sample_extra()
    context = build_context(snapshot, extra, SAMPLE_TODAY)
    plain = Environment(autoescape=True)  # the bare baseline; it escapes like ours
    plain.filters.update(PETITION_FILTERS)

    def ours() -> bytes:
        return render_petition(template, snapshot, extra, SAMPLE_TODAY)

    def bare() -> bytes:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(context, jinja_env=plain)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    if _body(ours()) != _body(bare()):
        print("ours and bare produced different documents; the comparison would be meaningless")
        return 2
    ours_times, bare_times = [], []
    for _ in range(args.rounds):  # interleaved, so a busy neighbour slows both alike
        ours_times.append(_seconds_per_document(ours, args.seconds))
        bare_times.append(_seconds_per_document(bare, args.seconds))
    ours_cpu, bare_cpu = _cpu_per_document(ours, args.seconds), _cpu_per_document(bare, args.seconds)
    ours_s, bare_s = statistics.median(ours_times), statistics.median(bare_times)
    rate, ratio = 1 / ours_s, ours_s / bare_s
    print(f"template            {args.template} ({len(template) / 1024:.0f} kB)")
    print(f"documents/second    {rate:8.1f}   (target >= {MIN_RATE:.0f})   {1000 * ours_s:.2f} ms each")
    print(f"bare docxtpl        {1 / bare_s:8.1f}   documents/second      {1000 * bare_s:.2f} ms each")
    print(f"ratio ours/bare     {ratio:8.2f}   (target <= {MAX_RATIO})")
    print(
        f"CPU per document    {1000 * ours_cpu:8.2f} ms ours (with its render worker)   {1000 * bare_cpu:.2f} ms bare"
    )
    ok = rate >= MIN_RATE and ratio <= MAX_RATIO
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def _seconds_per_document(render: Callable[[], bytes], budget: float) -> float:
    render()  # warm caches (compiled template, patched XML) as a long-running server would have them
    count, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < budget or count < 5:
        render()
        count += 1
    return elapsed / count


def _cpu_per_document(render: Callable[[], bytes], budget: float) -> float:
    """CPU seconds per document, this process plus its render workers: the figure a busy machine does not skew."""
    render()
    count, start = 0, time.perf_counter()
    cpu_start = time.process_time() + _workers_cpu()
    while time.perf_counter() - start < budget or count < 5:
        render()
        count += 1
    return (time.process_time() + _workers_cpu() - cpu_start) / count


def _workers_cpu() -> float:
    total = 0.0
    for pid in isolation.worker_pids():
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def _body(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml")


if __name__ == "__main__":
    sys.exit(main())
