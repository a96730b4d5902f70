"""Time `hoso check` on a 1,000-nominee workbook against a bare openpyxl load of the same file.

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_check.py [--nominees N] [--repeat R]`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl

from pipeline.authoring.scaffold import init_workbook
from pipeline.check import check_file
from pipeline.inputs.plans import get_plan


def make_workbook(path: Path, nominees: int) -> None:
    """The Bù Gia Mập example grown to `nominees` rows (collectives and individuals, 1:3)."""
    init_workbook(path, get_plan("bu-gia-map-cds-2022-2025"), "tong-ket-2025", example=True)
    wb = openpyxl.load_workbook(path)
    for sheet, share in (("Tập thể", 0.25), ("Cá nhân", 0.75)):
        ws = wb[sheet]
        template = [c.value for c in ws[2]]
        for i in range(int(nominees * share) - (ws.max_row - 1)):
            row = list(template)
            row[1] = f"{template[1]} {i:04d}"
            ws.append(row)
    wb.save(path)


def timed(fn, repeat: int) -> float:
    """Median wall time of `repeat` calls, in seconds."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def bare_load(path: Path) -> None:
    """What any program reading the workbook pays: openpyxl's default load."""
    openpyxl.load_workbook(path).close()


def bare_values(path: Path) -> None:
    """The cheapest full read: read-only mode, every cached value of every sheet."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nominees", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hoso-1000.xlsx"
        make_workbook(path, args.nominees)
        result = check_file(path)
        size = path.stat().st_size
        load = timed(lambda: bare_load(path), args.repeat)
        values = timed(lambda: bare_values(path), args.repeat)
        check = timed(lambda: check_file(path), args.repeat)
    print(f"workbook: {args.nominees} nominees, {size / 1024:.0f} KiB")
    print(
        f"findings: {len(result.errors)} errors, {len(result.warnings)} warnings (quota errors expected)"
    )
    print(f"bare openpyxl load_workbook (default mode): {load:.3f} s")
    print(f"bare openpyxl read-only, all values:       {values:.3f} s")
    print(f"hoso check:                                {check:.3f} s")
    print(f"ratio check / default load:   {check / load:.2f}x")
    print(f"ratio check / read-only read: {check / values:.2f}x")


if __name__ == "__main__":
    main()
