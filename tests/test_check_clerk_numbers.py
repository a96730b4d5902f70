"""Numbers as clerks type them, run through the real `hoso` command: a Tờ trình number typed
with the words and symbol the Tờ trình prints around it, votes written "6,0", percentages in
findings that must not round past the plan's threshold. Each test edits an example workbook in
code and asserts on the message at its cell or on the document's text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit
from tests.doctext import lines, tables
from tests.test_clerk_habits import docs, findings_at, put, put_form, section

INFO, IND, CRIT = "Thông tin chung", "Cá nhân", "Chỉ tiêu"
CRITERION = "Hồ sơ công việc được xử lý trên môi trường mạng (trừ hồ sơ mật)"


@pytest.mark.parametrize(
    ("typed", "dropped"),
    [
        ("Số 15", "hoso đã bỏ “Số” trước số, chỉ giữ số 15"),
        ("số: 15", "hoso đã bỏ “số:” trước số, chỉ giữ số 15"),
        ("15/TTr-UBND", "hoso đã bỏ “/TTr-UBND” sau số, chỉ giữ số 15"),
        ("Số 15/TTr-UBND", "bỏ “Số” trước số và “/TTr-UBND” sau số, chỉ giữ số 15"),
    ],
    ids=["so", "so-colon", "symbol", "both"],
)
def test_number_typed_with_its_printed_words_keeps_the_number(
    typed: str, dropped: str, example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Số tờ trình", typed)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    (warning,) = findings_at(result.out, path, INFO, cell)
    assert dropped in warning and "Hãy chỉ ghi số trong ô." in warning
    printed = lines(docs(tmp_path / "out") / "01-to-trinh.docx")
    assert any(line.startswith("Số: 15/TTr-UBND |") for line in printed), printed[:5]


def test_number_typed_with_another_symbol_says_what_to_type(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Số tờ trình", "15/TTr-VHTT")
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (error,) = findings_at(result.out, path, INFO, cell)
    assert "có ký hiệu “TTr-VHTT” khác ký hiệu Tờ trình in ra (“TTr-UBND”" in error
    assert "“Ký hiệu cơ quan” ở ô B7" in error and "chỉ ghi số, ví dụ 15." in error
    assert error in section(result.out, "Lỗi")


@pytest.mark.parametrize("typed", ["7,0", "7.0", "7,00 phiếu"])
def test_votes_written_with_a_zero_fraction_are_the_whole_number(
    typed: str, example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Số phiếu đồng ý", 4, typed)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, IND, cell), result.out
    rows = [r for t in tables(docs(tmp_path / "out") / "03-bien-ban.docx") for r in t]
    assert any(r[1] == "Đinh Công Sơn" and "7/7" in r for r in rows if len(r) > 2), rows


def test_votes_with_a_fraction_are_an_error(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Số phiếu đồng ý", 4, "5,5")
    result = run_cli("check", path)
    assert result.code == 1, result.out
    assert findings_at(result.out, path, IND, cell) == [
        f"{path} › {IND}!{cell}: “Số phiếu đồng ý” phải là số nguyên (ô ghi “5,5”)."
    ]


@pytest.mark.parametrize(
    ("typed", "number_format", "said"),
    [
        ("7/7", "General", "(ô ghi “7/7”). Chỉ ghi số thành viên đồng ý (7); tỷ lệ phiếu hoso"),
        ("100%", "General", "(ô ghi “100%”). Chỉ ghi số thành viên đồng ý; tỷ lệ phiếu hoso"),
        (1, "0%", "(ô ghi “100%”). Chỉ ghi số thành viên đồng ý; tỷ lệ phiếu hoso"),
    ],
    ids=["fraction", "percent-text", "percent-cell"],
)
def test_votes_written_as_a_share_say_to_write_the_votes(
    example, run_cli, typed, number_format: str, said: str
) -> None:
    """Votes of "100%" typed in Excel are the number 1 shown as a share: never 1 vote."""
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, "Số phiếu đồng ý", 4, typed)
        wb[IND][cell].number_format = number_format
    result = run_cli("check", path)
    assert result.code == 1, result.out
    (message,) = findings_at(result.out, path, IND, cell)
    assert f"“Số phiếu đồng ý” phải là số nguyên {said}" in message
    assert "1/7 phiếu" not in result.out


def test_a_share_below_the_threshold_is_never_printed_at_it(example, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        near = put(wb, CRIT, "Đạt được (%)", 2, "89,96")  # the plan asks ≥ 90%
        almost = put(wb, CRIT, "Đạt được (%)", 3, 99.96)  # the plan asks 100%
    result = run_cli("check", path)
    (said,) = findings_at(result.out, path, CRIT, near)
    assert "tỷ lệ đạt được 89,96% chưa đạt yêu cầu ≥ 90%" in said
    (said,) = findings_at(result.out, path, CRIT, almost)
    assert "tỷ lệ đạt được 99,96% chưa đạt yêu cầu 100%" in said


def test_the_report_prints_a_share_below_the_threshold_as_below(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        put(wb, CRIT, "Đạt được (%)", 2, "89,96")  # Phòng Văn hóa…: the plan asks ≥ 90%
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    report = next((docs(tmp_path / "out") / "bao-cao").glob("01-*.docx"))
    rows = [r for t in tables(report) for r in t]
    assert ["1", CRITERION, "≥ 90%", "90%", "89,96%", "Chưa đạt"] in rows, rows


@pytest.mark.parametrize(
    ("header", "typed"),
    [("STT", "1."), ("STT", "2)"), ("STT", "(3)"), ("Số phiếu đồng ý", "7."), ("STT", " 04 ")],
)
def test_numbers_typed_as_lists_write_them_are_read(example, run_cli, header: str, typed) -> None:
    path = example()
    with edit(path) as wb:
        cell = put(wb, IND, header, 3, typed)
    result = run_cli("check", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, IND, cell), result.out
