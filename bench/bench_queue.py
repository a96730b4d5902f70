"""A review period built locally and on two queue workers (Celery with Redis), in the same run.

Figures printed (nothing asserted): the wall time of `hoso period build` on this machine, the
wall time of `hoso period build --workers redis://…` with two `hoso worker` processes on this
same machine standing in for two machines, and their ratio. The workers are started (and their
Python loaded) before the timed run, as workers of an office would be; their LibreOffice starts
with their first job, inside the timed run, as the local build's does. Each run writes a fresh
output folder. Outputs are compared (DOCX bytes, manifests without the PDFs' bytes) after timing.

Run: `.venv/bin/python bench/bench_queue.py [--units 10] [--repeat 2]`.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.inputs.plans import get_plan  # noqa: E402
from pipeline.jobs.queue import JobQueue  # noqa: E402
from pipeline.period import examples  # noqa: E402
from pipeline.period.scaffold import init_period  # noqa: E402
from tests.workers import assert_same_build, redis_server, until, workers  # noqa: E402

PLAN = "bu-gia-map-cds-2022-2025"
HOSO = [sys.executable, "-m", "pipeline.cli"]


def make_period(folder: Path, units: int) -> None:
    """The plan's example period with `units` units (one late, one broken, one missing)."""
    examples.N_UNITS = units  # the example generator's own count, raised for a bigger period
    init_period(folder, get_plan(PLAN), None, example=True)


def timed(args: list[str]) -> float:
    """Run a hoso command; its wall time (exit code 1 is the example's broken unit)."""
    started = time.perf_counter()
    done = subprocess.run([*HOSO, *args], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return seconds


def main() -> None:
    """Build the same period locally and on two workers, alternately, and print the times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hoso-bench-queue-") as tmp:
        root = Path(tmp)
        make_period(root / "dot-xet", args.units)
        built = len(list((root / "dot-xet" / "don-vi").glob("*.xlsx"))) - 1  # less the broken
        print(f"Machine: {platform.node()}, nproc={os.cpu_count()}, load {os.getloadavg()[0]:.1f}")
        print(f"Period: {args.units} units, {built} built (plan {PLAN}), PDFs on")
        with redis_server(root / "redis") as url, workers(root / "may", url, 2, root / "logs"):
            until(lambda: len(JobQueue(root / "q", url).workers()) == 2, 120)
            local, spread = [], []
            for i in range(args.repeat):
                out_local, out_spread = root / f"local-{i}", root / f"workers-{i}"
                period = str(root / "dot-xet")
                local.append(timed(["period", "build", "-q", "-o", str(out_local), period]))
                spread.append(
                    timed(
                        ["period", "build", "-q", "--workers", url, "-o", str(out_spread), period]
                    )
                )
                print(
                    f"run {i + 1}: local {local[-1]:.1f} s, two workers {spread[-1]:.1f} s, "
                    f"ratio {spread[-1] / local[-1]:.2f}"
                )
        for unit in sorted(p for p in (root / "local-0" / "don-vi").iterdir() if p.is_dir()):
            assert_same_build(unit, root / "workers-0" / "don-vi" / unit.name)
        print(f"best: local {min(local):.1f} s, two workers {min(spread):.1f} s")
        print(f"ratio (two workers / local) {min(spread) / min(local):.2f}; outputs equal")


if __name__ == "__main__":
    main()
