"""A birth date known only by its year, as clerks type it for older nominees: "1968", "năm 1968"
or the number 1968 in a date-formatted cell. Each runs the real `hoso` command: accepted with a
warning at the cell, printed as the year in the Báo cáo thành tích and the danh sách, judged by
the age rules, and told apart from (or matched with) a person of the same name.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.conftest import cell_of, council_votes, edit, label_row
from tests.doctext import clean, normalized_text
from tests.test_clerk_habits import docs, findings_at, put, section
from tests.test_period import IND, units

NAME, BIRTH = "Họ và tên", "Ngày sinh"


def _year_only(example, value: object) -> tuple[Path, str, str]:
    """The example workbook with row 3's birth date replaced by `value`: (path, cell, name)."""
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, BIRTH, 3, value)
        name = wb[IND][cell_of(wb[IND], NAME, 3)].value
    return path, cell, name


@pytest.mark.parametrize("value", ["1968", "năm 1968", "Sinh năm 1968.", 1968])
def test_a_year_alone_is_a_birth_year_said_at_its_cell(example, run_cli, value) -> None:
    path, cell, name = _year_only(example, value)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = findings_at(result.out, path, IND, cell)
    assert said in section(result.out, "Cảnh báo")
    assert f"“Ngày sinh” của {name} chỉ có năm 1968" in said
    assert "mẫu Báo cáo thành tích ghi đủ ngày, tháng, năm sinh" in said
    assert f"Báo cáo thành tích của {name} sẽ chỉ in “Năm sinh: 1968”" in said
    assert said.endswith("Nếu biết ngày sinh, hãy ghi đủ ngày/tháng/năm.")
    # The number in the example's date-formatted column: what Excel shows is explained.
    assert ("Excel hiện thành 21/05/1905" in said) == (value == 1968), said
    assert "tuổi" not in result.out
    # The row's birth date changed: it is no longer the example's fictional person.
    example_rows = next(ln for ln in findings_at(result.out, path, IND) if "dữ liệu ví dụ" in ln)
    assert name not in example_rows and "dòng 2, 4–9" in example_rows


def test_a_year_alone_in_a_short_summary_row_says_what_it_costs(example, run_cli) -> None:
    path, cell, name = _year_only(example, "1968")
    with edit(path) as wb:
        put(wb, IND, "Loại báo cáo", 3, "Trích ngang")
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, IND, cell)
    assert f"“Ngày sinh” của {name} chỉ có năm 1968: danh sách chỉ in năm sinh" in said
    assert "hai người trùng tên sinh cùng năm sẽ không phân biệt được" in said


def test_the_documents_print_the_year_alone(example, run_cli, tmp_path: Path) -> None:
    path, _, name = _year_only(example, "1968")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (report,) = (docs(tmp_path / "out") / "bao-cao").glob("*huynh-thi-linh.docx")
    text = normalized_text(report)
    assert f"- Họ và tên: {name}.\n- Năm sinh: 1968.\n- Giới tính: Nữ." in text, text[:900]
    assert "Ngày, tháng, năm sinh" not in text
    others = normalized_text(next((docs(tmp_path / "out") / "bao-cao").glob("*ha-thi-lan.docx")))
    assert "- Ngày, tháng, năm sinh: 21/02/1979." in others
    listed = normalized_text(docs(tmp_path / "out") / "02-danh-sach.docx")
    assert f"| {name} | Nữ | 1968 |" in listed, listed
    assert "| Hà Thị Lan | Nữ | 1979 |" in listed


@pytest.mark.libreoffice
def test_the_printed_report_says_the_birth_year(example, run_cli, tmp_path: Path) -> None:
    path, _, _ = _year_only(example, 1968)
    result = run_cli("build", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (pdf,) = (docs(tmp_path / "out") / "bao-cao").glob("*huynh-thi-linh.pdf")
    text = clean(" ".join(page.extract_text() for page in PdfReader(pdf).pages))
    assert "- Năm sinh: 1968." in text, text[:900]
    assert "1905" not in text


def test_the_age_rules_read_a_birth_year(example, run_cli) -> None:
    path = example()  # the Tờ trình is dated 20/11/2023
    with edit(path) as wb:
        old = put(wb, IND, BIRTH, 3, "1940")
        young = put(wb, IND, BIRTH, 4, "2006")
        unborn = put(wb, IND, BIRTH, 5, "2030")
        edge = put(wb, IND, BIRTH, 6, "1953")  # 69 or 70: within working age
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = [f for f in findings_at(result.out, path, IND, old) if "tuổi" in f]
    assert "năm sinh 1940 nghĩa là 82 hoặc 83 tuổi vào ngày Tờ trình" in said
    assert said in section(result.out, "Cảnh báo")
    (said,) = [f for f in findings_at(result.out, path, IND, young) if "tuổi" in f]
    assert "năm sinh 2006 nghĩa là 16 hoặc 17 tuổi" in said
    (said,) = [f for f in findings_at(result.out, path, IND, unborn) if "sau năm" in f]
    assert "năm sinh 2030 sau năm của ngày Tờ trình (20/11/2023)" in said
    assert said in section(result.out, "Lỗi")
    assert not [f for f in findings_at(result.out, path, IND, edge) if "tuổi" in f]


def test_a_birth_year_beside_a_date_of_that_year_may_be_the_same_person(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        name = ws[cell_of(ws, NAME, 2)].value  # Hà Thị Lan, born 21/02/1979
        put(wb, IND, NAME, 3, name)
        cell = put(wb, IND, BIRTH, 3, "1979")
    result = run_cli("check", path)
    assert result.code == 0, result.out
    (said,) = [f for f in findings_at(result.out, path, IND, cell) if "cùng một người" in f]
    first = cell_of(wb[IND], BIRTH, 2)
    assert (
        f"“{name}” sinh năm 1979 ({cell}) có thể là cùng một người với “{name}” sinh ngày "
        f"21/02/1979 ({first}, dòng 2)"
    ) in said
    assert said in section(result.out, "Cảnh báo")
    assert "trùng với dòng" not in result.out


def test_two_rows_of_the_same_name_and_birth_year_are_one_person(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        name = ws[cell_of(ws, NAME, 2)].value
        put(wb, IND, BIRTH, 2, "1979")
        name_cell = put(wb, IND, NAME, 3, name)
        put(wb, IND, BIRTH, 3, 1979)
        other = put(wb, IND, BIRTH, 4, "1980")  # the same name, another year: another person
        put(wb, IND, NAME, 4, name)
    result = run_cli("check", path)
    assert result.code == 1
    (said,) = [f for f in findings_at(result.out, path, IND, name_cell) if "trùng" in f]
    assert said.endswith(f"“{name}” trùng với dòng 2.") and said in section(result.out, "Lỗi")
    assert not [f for f in findings_at(result.out, path, IND, other) if "cùng một người" in f]
    assert "cùng một người" not in result.out


def _propose_again(folder: Path, birth: object) -> tuple[Path, Path, str]:
    """The first unit's first person proposed by the fourth unit too, born `birth` there."""
    first, second = units(folder)[0], units(folder)[3]
    with edit(first) as wb:
        name = wb[IND][cell_of(wb[IND], NAME, 2)].value
    with edit(second) as wb:
        put(wb, IND, NAME, 3, name)
        put(wb, IND, BIRTH, 3, birth)
    council_votes(folder)
    return first, second, name


def _unit_name(path: Path) -> str:
    """The unit a workbook names (its Cơ quan trình khen)."""
    ws = openpyxl.load_workbook(path)["Thông tin chung"]
    return ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value


def test_a_period_person_with_a_year_alone_in_one_unit_may_be_the_same(period, run_cli) -> None:
    folder = period()
    with edit(units(folder)[0]) as wb:
        born = wb[IND][cell_of(wb[IND], BIRTH, 2)].value.year
    first, second, name = _propose_again(folder, str(born))
    result = run_cli("period", "check", folder)
    maybe = [ln.strip() for ln in result.out.splitlines() if "có thể là cùng một người" in ln]
    # Once, at the first unit's cell, naming the second's file and cell: not once from each side.
    (said,) = maybe
    assert said.startswith(f"{first} › Cá nhân!B2: cá nhân “{name}” sinh ngày "), said
    assert f"có thể là cùng một người với “{name}” sinh năm {born} do " in said
    assert f"({second} › Cá nhân!B3)" in said
    assert said.endswith(f"hãy đề nghị {_unit_name(second)} ghi đủ ngày/tháng/năm sinh."), said
    data = json.loads(run_cli("period", "check", "--json", folder).out)
    (found,) = [f for f in data["findings"] if f["code"] == "period-duplicate-maybe"]
    assert (found["file"], found["sheet"], found["cell"]) == (str(first), "Cá nhân", "B2")
    assert f"({second} › Cá nhân!B3)" in found["message"] and found["also"] == []
    assert "cũng được" not in result.out  # not certain: no error
    unmatched = [ln for ln in result.out.splitlines() if "không có trong hồ sơ hợp lệ" in ln]
    assert not [ln for ln in unmatched if f"“{name}”" in ln], unmatched  # her vote row found her
    with edit(folder / "hoi-dong.xlsx") as wb:
        ws = wb["Biểu quyết"]
        names = ws[cell_of(ws, "Tên tập thể / Họ và tên", 2)].column_letter
        rows = [r for r in range(2, ws.max_row + 1) if ws[f"{names}{r}"].value == name]
        births = [ws[cell_of(ws, BIRTH, r)].value for r in rows]
    assert str(born) in births, births  # the year alone, as text: not a day of 1905

    # The office's consolidated list prints both, each with the year of birth.
    run_cli("period", "build", "--no-pdf", "-q", folder)  # an example unit has errors: code 1
    listed = normalized_text(
        folder / "ket-qua" / "tong-hop" / "bang-khen-tinh" / "van-ban" / "02-danh-sach.docx"
    )
    rows = [ln for ln in listed.splitlines() if f"| {name} |" in ln]
    assert len(rows) == 2 and all(f" | {born} | " in ln for ln in rows), rows


def test_a_period_person_with_the_same_year_alone_twice_is_proposed_twice(period, run_cli) -> None:
    folder = period()
    first = units(folder)[0]
    with edit(first) as wb:
        put(wb, IND, BIRTH, 2, "1979")
    _, second, name = _propose_again(folder, 1979)
    result = run_cli("period", "check", folder)
    assert result.code == 1
    twice = [ln.strip() for ln in result.out.splitlines() if "cũng được" in ln]
    assert len(twice) == 2, result.out
    assert any(
        ln.startswith(f"{second} › Cá nhân!B3: cá nhân “{name}”, sinh năm 1979 cũng được")
        for ln in twice
    )
    assert "có thể là cùng một người" not in result.out


def test_a_column_headed_nam_sinh_as_the_lists_print_it_is_the_birth_date(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[IND]
        header = cell_of(ws, BIRTH, 1)
        ws[header] = "Năm sinh"
        for row in range(2, ws.max_row + 1):
            ws[f"{header[0]}{row}"] = str(1960 + row)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert "thiếu cột" not in result.out
    # One warning for the column (hoso groups a warning repeated down a column), at its first row.
    (said,) = [f for f in findings_at(result.out, path, IND) if "chỉ có năm" in f]
    assert f"Cá nhân!{header[0]}2: “Ngày sinh” của " in said and "chỉ có năm 1962" in said
    assert said.endswith(f"(cùng vấn đề ở {ws.max_row - 2} ô khác của cột {header[0]}: dòng 3–9).")
