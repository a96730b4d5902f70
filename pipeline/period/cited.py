"""A unit's Tờ trình as the office's Tờ trình cites it: the number and date the office recorded
when the dossier came (dot-xet.toml's units[].to_trinh, to_trinh_date, as in its sổ công văn
đến), else those of the unit's workbook; and a warning when the two disagree."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from pipeline.check import CheckResult
from pipeline.check.findings import Findings, Source
from pipeline.check.model import Batch, BatchInfo
from pipeline.inputs.contract import INFO
from pipeline.period.config import TO_TRINH_NUMBER, ExpectedUnit, Period, unit_entry
from pipeline.period.units import unit_key

NUMBER_LABEL, DATE_LABEL = "Số tờ trình", "Ngày tờ trình"  # their labels on "Thông tin chung"


def cited(unit: ExpectedUnit | None, info: BatchInfo) -> tuple[str, dt.date | None]:
    """The unit's Tờ trình number ("12/TTr-UBND") and date as cited; ("", None) when neither
    the office nor the workbook has its number (its date then is only planned)."""
    if unit is not None and unit.to_trinh:
        return unit.to_trinh, unit.to_trinh_date
    if info.number:
        return f"{info.number:02d}/TTr-{info.unit_code}", info.date
    return "", None


def expected_of(
    period: Period, sent: Sequence[tuple[str, Path | None]], batch: Batch
) -> ExpectedUnit | None:
    """The expected unit whose file `batch` was read from; `sent` pairs each expected unit's
    name with its file (the period check's status rows)."""
    name = next((n for n, file in sent if file == batch.path), None)
    if name is None:
        return None
    key = unit_key(name)
    return next((u for u in period.config.units if unit_key(u.name) == key), None)


def check_cited(
    findings: Findings, period: Period, unit: ExpectedUnit, result: CheckResult
) -> None:
    """The Tờ trình the office recorded on receipt and the one the unit's workbook numbers
    differ: a warning at the workbook's cell naming both places (the office's record is cited)."""
    batch = result.batch
    if batch is None or not unit.to_trinh or not batch.info.number:
        return
    info = batch.info
    own = f"{info.number:02d}/TTr-{info.unit_code}"
    same_number = _number_key(own) == _number_key(unit.to_trinh)
    if same_number and info.date == unit.to_trinh_date:
        return
    names = [u.name for u in period.config.units]
    at = f"{period.config_path.name} › {unit_entry(names, period.config.units.index(unit))}"
    recorded = f"to_trinh = “{unit.to_trinh}”, to_trinh_date = {_day(unit.to_trinh_date)}"
    cell = _cell(result, NUMBER_LABEL if not same_number else DATE_LABEL)
    findings.warning(
        Source(result.label, INFO, cell),
        f"Tờ trình trong tệp (số {own} ngày {_day(info.date)}) khác Tờ trình cơ quan đã ghi khi "
        f"nhận hồ sơ ({at}: {recorded}). Tờ trình tổng hợp trích số, ngày đã ghi khi nhận; hãy "
        "đối chiếu với bản đã ký và sửa bên ghi sai.",
        "period-to-trinh-differs",
    )


def _number_key(number: str) -> tuple[int, str]:
    """A Tờ trình number as compared: "05/TTr-UBND" and "5/ttr-ubnd" are the same."""
    found = TO_TRINH_NUMBER.fullmatch(number.strip())
    if found is None:
        return (0, number.strip().upper())
    return (int(found[1]), found[2].upper())


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "(chưa ghi)"


def _cell(result: CheckResult, label: str) -> str | None:
    """The value cell of a label of "Thông tin chung" (column B of the label's row)."""
    try:
        wb = openpyxl.load_workbook(result.path, read_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):  # the sheet alone is named
        return None
    try:
        if INFO not in wb.sheetnames:
            return None
        for (cell,) in wb[INFO].iter_rows(max_col=1):
            if isinstance(cell.value, str) and " ".join(cell.value.split()) == label:
                return f"B{cell.row}"
        return None
    finally:
        wb.close()
