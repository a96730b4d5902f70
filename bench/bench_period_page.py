"""Time the period page's check of a period of many units: the full check of every workbook (as
`hoso period check` does) against the web app's check cache once the workbooks are unchanged.

Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_period_page.py [--units N]`.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench_check import timed  # the median of repeated calls, as bench_check times

from pipeline.inputs.plans import get_plan
from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.scaffold import init_period
from pipeline.web.check_cache import CheckCache


def make_period(folder: Path, units: int) -> Path:
    """The example period of Bù Gia Mập with its sent workbooks copied until there are `units`."""
    init_period(folder, get_plan("bu-gia-map-cds-2022-2025"), None, example=True)
    sent = sorted((folder / "don-vi").glob("*.xlsx"))
    for i in range(units - len(sent)):
        shutil.copy(sent[i % len(sent)], folder / "don-vi" / f"ban-sao-{i:04d}.xlsx")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        period = load_period(make_period(Path(tmp) / "dot-xet", args.units))
        check_period(period)  # warm: plans, legal table and imports loaded once, as in a server
        full = timed(lambda: check_period(period), args.repeat)
        cache = CheckCache()
        first = timed(lambda: check_period(period, CheckCache()), 1)
        check_period(period, cache)
        warm = timed(lambda: check_period(period, cache), args.repeat)
    print(f"units: {args.units}")
    print(f"full check (hoso period check):     {full:7.2f} s")
    print(f"cache, first view (all checked):    {first:7.2f} s")
    print(f"cache, workbooks unchanged:         {warm:7.2f} s")
    print(f"ratio unchanged / full:             {warm / full:7.3f}")


if __name__ == "__main__":
    main()
