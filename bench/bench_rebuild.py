"""Rebuild a period after one nominee's edit: on a warm queue worker, and with `hoso period build`.

Figures printed from one run (nothing asserted): a period (the plan's example, `--units` units)
is built once as a queue job (the embedded queue, one `hoso worker` process: its LibreOffice
pool is warm after that first job, as the server's workers are); one nominee's "Thành tích" is
changed in one unit's workbook; then (a) the same job again, wall time from submitting to done
(JobQueue.wait looks every POLL seconds), and (b) after one more edit, `hoso period build` on the
CLI into its own, already built folder (it starts LibreOffice).

Run: `.venv/bin/python bench/bench_rebuild.py [--units 10]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_build import edit_one_nominee  # noqa: E402
from bench_queue import make_period, timed  # noqa: E402

from pipeline.jobs.queue import JobQueue  # noqa: E402
from tests.workers import workers  # noqa: E402


def timed_job(queue: JobQueue, period: Path, out: Path) -> float:
    """Submit the period's job, wait for it; wall seconds from submitting to done."""
    started = time.perf_counter()
    status = queue.wait(queue.submit_period(period, out), 900)
    seconds = time.perf_counter() - started
    assert status.status == "done", status
    return seconds


def timed_cli(period: Path, out: Path) -> float:
    """`hoso period build -o out period`; its wall time."""
    return timed(["period", "build", "-q", "-o", str(out), str(period)])


def main() -> None:
    """Build, edit one nominee, rebuild warm on the worker, then with the CLI; print the times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hoso-bench-rebuild-") as tmp:
        root = Path(tmp)
        period, data = root / "dot-xet", root / "du-lieu"
        make_period(period, args.units)
        edited = sorted((period / "don-vi").glob("*.xlsx"))[0]
        print(f"Machine: {platform.node()}, nproc={os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
        print(f"Period: {args.units} units; the edited workbook: {edited.name}")
        with workers(data, None, 1, root / "logs"):
            queue = JobQueue(data)
            first = timed_job(queue, period, data / "ket-qua")
            edit_one_nominee(edited)
            warm = timed_job(queue, period, data / "ket-qua")
        cli_first = timed_cli(period, root / "cli")
        edit_one_nominee(edited)
        cli = timed_cli(period, root / "cli")
        print(f"first build, job on a new worker: {first:.2f} s; CLI: {cli_first:.2f} s")
        print(f"after one edit: warm worker job {warm:.2f} s (target 1 s); CLI {cli:.2f} s (3 s)")


if __name__ == "__main__":
    main()
