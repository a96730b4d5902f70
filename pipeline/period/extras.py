"""The period's files besides its documents (statistics, register, certificates), each group
remade only when what it shows changed: a corrected achievement text redraws no chart and no
certificate."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pipeline.build import BuildOptions
from pipeline.build.cache import key
from pipeline.period.certificates import (
    CERTIFICATES_OUT,
    calibration_key,
    certificate_files,
    certificate_texts,
    write_certificates,
)
from pipeline.period.check import PeriodCheck
from pipeline.period.consolidate import consolidate
from pipeline.period.manifest import EXTRAS_KEYS, PERIOD_MANIFEST
from pipeline.period.ministry import ministry_tables
from pipeline.period.register import first_numbers, register_table
from pipeline.period.sheets import workbook_bytes, write_atomic
from pipeline.period.statistics import (
    absent_units,
    chart,
    statistics_tables,
    unit_counts,
    unit_decided_counts,
)

REGISTER = "so-theo-doi-khen-thuong.xlsx"  # the register of the awards decided here
STATISTICS = "thong-ke"


@dataclass(frozen=True)
class Extras:
    """The files written (or kept, unchanged) and the content key of each group of them."""

    paths: tuple[Path, ...]
    keys: Mapping[str, str]


def previous_keys(out_dir: Path, options: BuildOptions) -> dict[str, str]:
    """The content keys the last build of this folder recorded (none with --force)."""
    if options.force:
        return {}
    try:
        keys = json.loads((out_dir / PERIOD_MANIFEST).read_text(encoding="utf-8")).get(EXTRAS_KEYS)
    except (OSError, ValueError, AttributeError):
        return {}
    return keys if isinstance(keys, dict) else {}


def write_extras(
    checked: PeriodCheck, folder: Path, options: BuildOptions, previous: Mapping[str, str]
) -> Extras:
    """The statistics, and for the awards decided here the register and the certificates."""
    period, written, keys = checked.period, [], {}
    counts = unit_counts(checked)
    if counts:
        title = f"{period.plan.movement} – {period.review.label}"
        charts = ("png", "pdf") if options.pdf else ("png",)
        paths = [folder / f"{STATISTICS}.{k}" for k in ("xlsx", *charts)]
        own = unit_decided_counts(checked)
        tables = [*statistics_tables(counts, own), *ministry_tables(checked, counts)]
        absent = absent_units(checked)
        keys[STATISTICS] = key(STATISTICS, repr(tables), title, charts, repr(absent))

        def statistics() -> None:
            write_atomic(paths[0], workbook_bytes(tables))
            for path, kind in zip(paths[1:], charts, strict=True):
                write_atomic(path, chart(counts, title, kind, absent))

        written += _unless_same(STATISTICS, paths, keys, previous, statistics)
    decided = consolidate(checked, decided=True)
    if decided:
        table = register_table(period, decided)
        keys[REGISTER] = key(REGISTER, repr(table))
        path = folder / REGISTER
        make = partial(write_atomic, path, workbook_bytes([table]))
        written += _unless_same(REGISTER, [path], keys, previous, make)
    # Stock is printed for who passed the office's council: not before it has voted.
    voted = checked.council is not None or not period.plan.dossier.has_council
    if decided and options.pdf and voted:
        firsts = first_numbers(period, decided)
        texts = [certificate_texts(period, c, n) for c, n in zip(decided, firsts, strict=True)]
        keys[CERTIFICATES_OUT] = key(CERTIFICATES_OUT, texts, calibration_key(period))
        paths = certificate_files(decided, folder)
        make = partial(write_certificates, period, decided, folder, None)
        written += _unless_same(CERTIFICATES_OUT, paths, keys, previous, make)
    return Extras(tuple(written), keys)


def _unless_same(
    group: str,
    paths: Sequence[Path],
    keys: Mapping[str, str],
    previous: Mapping[str, str],
    write: Callable[[], object],
) -> list[Path]:
    """Write a group of files, unless the last build recorded the same key and they are there."""
    if previous.get(group) != keys[group] or not all(p.is_file() for p in paths):
        write()
    return list(paths)
