"""Rows a clerk adds to a table that hold no one: the "(1) (2) (3)" row under the headers that
official tables have, a group's heading ("I. Khối cơ quan huyện"), a "Tổng cộng" row at the
bottom. Each is left out and said once at its row, never a dozen "thiếu …" errors, and nothing
of it is printed; a name that only starts like one is still a nominee.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.check.layout_rows import layout_row
from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, section

COLL, IND, MEMBERS, CRIT = "Tập thể", "Cá nhân", "Thành viên HĐ", "Chỉ tiêu"


def test_numbering_heading_and_total_rows_are_left_out_and_said_once(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        ws.insert_rows(2, 2)
        for column in range(1, ws.max_column + 1):
            ws.cell(2, column).value = f"({column})"
        ws["A3"], ws["B3"] = "I", "KHỐI CƠ QUAN HUYỆN"
        ws.cell(ws.max_row + 1, 2).value = "Tổng cộng: 8 cá nhân"
        total = f"B{ws.max_row}"
        members = wb[MEMBERS]
        members.insert_rows(2)
        for column in range(1, 7):
            members.cell(2, column).value = column
        wb[COLL]["B8"] = "TỔNG CỘNG"
        wb[CRIT].cell(wb[CRIT].max_row + 1, 1).value = "Cộng:"
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "thiếu" not in result.out
    (numbering,) = findings_at(result.out, path, IND, "B2")
    assert "dòng 2 là dòng đánh số cột ((1), (2), (3)…), không phải một cá nhân" in numbering
    (heading,) = findings_at(result.out, path, IND, "B3")
    assert "dòng 3 (“KHỐI CƠ QUAN HUYỆN”) là dòng tiêu đề nhóm" in heading
    (summed,) = findings_at(result.out, path, IND, total)
    assert "(“Tổng cộng: 8 cá nhân”) là dòng tổng cộng, không phải một cá nhân" in summed
    assert "không phải một thành viên" in findings_at(result.out, path, MEMBERS, "B2")[0]
    assert "(“TỔNG CỘNG”) là dòng tổng cộng" in findings_at(result.out, path, COLL, "B8")[0]
    assert "(“Cộng:”) là dòng tổng cộng" in findings_at(result.out, path, CRIT)[0]
    assert all(line in section(result.out, "Cảnh báo") for line in (numbering, heading, summed))
    listing = "\n".join(lines(docs(tmp_path / "out") / "02-danh-sach.docx"))
    assert "Hà Thị Lan" in listing and "Dương Đức Tuấn" in listing
    assert "Tổng cộng" not in listing and "KHỐI" not in listing and "(2)" not in listing
    minutes = "\n".join(lines(docs(tmp_path / "out") / "03-bien-ban.docx"))
    assert "Hà Kim Yến" in minutes and "| 2 | 3 |" not in minutes


@pytest.mark.parametrize(
    "name",
    [
        "Tổng công ty Điện lực miền Nam",
        "Tổng cục Thuế",
        "Tổng đội Thanh niên xung phong",
        "Cộng đồng dân cư thôn 3",
        "Hội Cựu chiến binh xã",
    ],
)
def test_a_name_that_starts_like_a_total_is_an_item(name: str) -> None:
    assert layout_row({"stt": 1, "name": name, "address": "Thôn 3"}, 17) is None
    assert layout_row({"stt": None, "name": name}, 17) is None


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ({"stt": "II", "name": "Khối xã"}, "heading"),
        ({"stt": None, "name": "B. Cán bộ, công chức"}, "heading"),
        ({"stt": 3, "name": "Đinh Công Sơn"}, None),  # a row only begun: its own errors say so
        ({"stt": "A", "name": "Hà Thị Lan", "gender": "Nữ"}, None),
        ({"stt": 1, "name": 2, "gender": 3, "birth_date": 4}, "numbering"),
        ({"stt": 1, "name": 3, "gender": 2, "birth_date": 4}, None),  # not in order: a mistake
    ],
)
def test_what_a_row_is(values: dict, kind: str | None) -> None:
    assert layout_row(values, 5) == kind
