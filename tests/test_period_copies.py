"""A unit's second copy of its workbook ("01-… (1).xlsx" beside "01-….xlsx"): its error said
once, and in no count: not in the status table's figures, not voted on twice in the council's
workbook; the period check names it (PeriodCheck.copies) for whoever shows the period."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil

from pypdf import PdfReader

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.signatures import with_signatures
from pipeline.period.statistics import absent_units, chart, unit_counts
from tests.test_period import units

UNIT = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # units(folder)[0], valid in the example


def test_a_second_copy_is_counted_nowhere(period, run_cli) -> None:
    folder = period()
    own = units(folder)[0]
    copy = own.with_name(f"{own.stem} (1).xlsx")
    shutil.copy(own, copy)
    council = run_cli("period", "council", folder)
    assert "12 dòng biểu quyết" in council.out, council.out  # 3 valid units, 4 nominees each
    assert "chưa có trong danh sách: Ủy ban nhân dân xã Phú Nghĩa." in council.out
    result = run_cli("period", "check", folder)
    assert "trùng với dòng" not in result.out  # the copy's nominees are no vote rows
    rows = [" ".join(line.split()) for line in result.out.splitlines()]
    assert f"{UNIT} hợp lệ 1 3 0 5" in rows, result.out
    assert f"{UNIT} (tệp thứ hai, không tính) có lỗi – – 1 5" in rows, result.out
    assert "Số đơn vị: chưa nộp 1, có lỗi 1, hợp lệ 2, trễ hạn 1" in rows  # five units
    said = json.loads(run_cli("period", "check", "--json", folder).out)
    assert [u["copy"] for u in said["units"]] == [False] * 5 + [True]
    # The copy's receipt is its own file's date, never its unit's recorded receipt.
    real, copied = said["units"][0], said["units"][-1]
    assert copied["received"] == dt.date.fromtimestamp(copy.stat().st_mtime).isoformat()
    assert real["name"] == UNIT and real["received"] != copied["received"]
    assert said["status_counts"]["co-loi"] == 1
    checked = check_period(load_period(folder))
    assert checked.copies == {copy} and checked.is_copy(
        next(r for r in checked.results if r.path == copy)
    )
    assert sum(b.info.unit == UNIT for b in checked.batches) == 1


def test_the_statistics_chart_counts_no_unit_for_a_second_copy(period) -> None:
    folder = period()
    own = units(folder)[0]
    before = check_period(load_period(folder))
    shutil.copy(own, own.with_name(f"{own.stem} (1).xlsx"))
    checked = check_period(load_period(folder))

    def said(checked) -> str:
        pdf = chart(unit_counts(checked), "Thống kê", "pdf", absent_units(checked))
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        return " ".join(text.split())

    assert "3/5 đơn vị" in said(before), said(before)
    assert said(checked) == said(before)
    assert absent_units(checked) == absent_units(before)


def test_a_second_copy_is_checked_for_no_signed_documents(period) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace("# signed = true", "signed = true")
    config.write_text(text, encoding="utf-8")
    own = units(folder)[0]
    copy = own.with_name(f"{own.stem} (1).xlsx")
    shutil.copy(own, copy)
    checked = with_signatures(check_period(load_period(folder)), folder / "ket-qua")
    (second,) = [u for u in checked.units if u.file == copy]
    (first,) = [u for u in checked.units if u.file == own]
    assert first.signing and first.status == "chua-ky"  # nothing built yet: said of the unit
    assert second.signing == () and second.errors == 1, second  # only its being a second file


def test_a_built_period_names_a_second_copy_neither_as_a_unit_without_dossier_nor_twice(
    period, run_cli
) -> None:
    """The build's summary: the unit built from its first workbook is not also "without a
    dossier" for its copy, and the example warning names each unit once (4 units, not 5)."""
    folder = period()
    own = units(folder)[0]
    shutil.copy(own, own.with_name(f"{own.stem} (1).xlsx"))
    result = run_cli("period", "build", "--no-pdf", folder)
    assert result.code == 1, result.out  # Phú Nghĩa's example workbook has an error
    (left,) = [line for line in result.out.splitlines() if "Chưa có hồ sơ, nên chưa có" in line]
    assert left.strip() == (
        "Chưa có hồ sơ, nên chưa có trong văn bản của cơ quan: Ủy ban nhân dân xã Phú Nghĩa "
        "(có lỗi); Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập (chưa nộp)."
    )
    (examples,) = [line for line in result.out.splitlines() if "ĐỢT XÉT CÒN DỮ LIỆU" in line]
    assert f"trong tệp của 4 đơn vị ({UNIT}; Văn phòng" in examples
