"""Which size of combined document converts fastest, and does every split PDF equal its own?

Renders a realistic period (--workbooks × --per nominees, the Bù Gia Mập preset) to DOCX, then
with one warm LibreOfficePool converts the same DOCX files: one by one (the plain pool), and
through CombiningConverter with each group size (joined by pipeline.pdf.combine, split back at
the markers by pipeline.pdf.split, chunks balanced over the workers as in a build). Prints the
wall time of each (joining and splitting included) and, in the first pass, checks every split
PDF against the one converted alone: page count, text per page, fonts, page size.

Run: `.venv/bin/python bench/measure_combined.py [--workbooks 4] [--sizes 1,5,10,20,40,80]`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_build import HOSO, make_period

from pipeline.pdf.combined import CombiningConverter
from pipeline.pdf.converter import ConversionJob
from pipeline.pdf.pool import LibreOfficePool
from pipeline.pdf.split import signature


def alone(pool: LibreOfficePool, docx: list[Path], out: Path) -> float:
    """Convert each DOCX by itself; the wall time."""
    out.mkdir()
    jobs = [ConversionJob(d, out / f"{i:05d}.pdf", d.name) for i, d in enumerate(docx)]
    started = time.perf_counter()
    results = pool.convert(jobs)
    assert all(r.ok for r in results)
    return time.perf_counter() - started


def combined(pool: LibreOfficePool, docx: list[Path], out: Path, size: int) -> float:
    """Convert through CombiningConverter with groups of about `size` (joining, converting,
    splitting, as a build does); the wall time."""
    out.mkdir()
    converter = CombiningConverter(pool, group_size=size, lanes=pool.size)
    jobs = [ConversionJob(d, out / f"{i:05d}.pdf", d.name) for i, d in enumerate(docx)]
    started = time.perf_counter()
    results = converter.convert(jobs)
    seconds = time.perf_counter() - started
    assert all(r.ok and r.fallback is None for r in results), [r.error for r in results]
    return seconds


def same(a: Path, b: Path, count: int) -> int:
    """How many of `count` split PDFs differ from their separately converted twin."""
    return sum(
        1 for i in range(count) if signature(a / f"{i:05d}.pdf") != signature(b / f"{i:05d}.pdf")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=4)
    parser.add_argument("--per", type=int, default=25)
    parser.add_argument("--sizes", default="1,5,10,20,40,80")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="hoso-combined-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        make_period(root / "in", args.workbooks, args.per)
        subprocess.run([*HOSO, "build", "-q", "--no-pdf", "-o", str(root / "docx"),
                        str(root / "in")], check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        docx = sorted((root / "docx").rglob("*.docx"))
        print(f"{len(docx)} DOCX, pool of {args.workers} warm workers; wall seconds per pass")
        with LibreOfficePool(size=args.workers, recycle_after=10_000) as pool:
            pool.warm_up(wait=True)
            for run in range(args.repeat):
                base = root / f"alone-{run}"
                seconds = alone(pool, docx, base)
                print(f"alone        {seconds:7.2f} s  {seconds / len(docx) * 1000:6.1f} ms/doc")
                for size in sizes:
                    out = root / f"g{size}-{run}"
                    seconds = combined(pool, docx, out, size)
                    bad = same(out, base, len(docx)) if run == 0 else 0
                    print(
                        f"groups of {size:3d} {seconds:7.2f} s  "
                        f"{seconds / len(docx) * 1000:6.1f} ms/doc"
                        + (f"  differing from alone: {bad}" if run == 0 else "")
                    )


if __name__ == "__main__":
    main()
