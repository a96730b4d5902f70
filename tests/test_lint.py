"""pipeline.lint: a compliant Tờ trình passes; breaking exactly one NĐ 30 rule reports exactly it."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from docx.document import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from pipeline.errors import HosoError
from pipeline.lint import LintIssue, is_template, lint_docx
from tests.docx_factory import (
    CAN_CU,
    build_to_trinh,
    paragraph,
    save,
    set_row_flag,
    set_text,
)


@pytest.fixture
def doc() -> Document:
    return build_to_trinh()


def lint(doc: Document, folder: Path, **kwargs: bool) -> list[LintIssue]:
    return lint_docx(save(doc, folder), **kwargs)


def only(issues: list[LintIssue], rule: str) -> LintIssue:
    """Assert that exactly one issue was found, with this rule id, and return it."""
    assert [i.rule for i in issues] == [rule], issues
    return issues[0]


def test_compliant_document_has_no_issues(doc: Document, tmp_path: Path) -> None:
    assert lint(doc, tmp_path) == []


# -- page --------------------------------------------------------------------------------------


def test_letter_paper_is_flagged(doc: Document, tmp_path: Path) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(12240), Twips(15840)
    issue = only(lint(doc, tmp_path), "page-size")
    assert "Letter" in issue.message and "A4" in issue.message
    assert issue.where == "khổ giấy"


def test_landscape_a4_is_flagged(doc: Document, tmp_path: Path) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(16838), Twips(11906)
    assert "khổ ngang" in only(lint(doc, tmp_path), "page-size").message


def test_left_margin_25_mm_is_flagged(doc: Document, tmp_path: Path) -> None:
    doc.sections[0].left_margin = Twips(1417)
    issue = only(lint(doc, tmp_path), "margin-left")
    assert issue.message == "Lề trái 25 mm, cần 30–35 mm"
    assert issue.where == "lề trang"


# -- fonts -------------------------------------------------------------------------------------


def test_arial_run_in_a_table_cell_is_located(doc: Document, tmp_path: Path) -> None:
    doc.tables[1].cell(2, 0).paragraphs[0].runs[0].font.name = "Arial"
    issue = only(lint(doc, tmp_path), "font-family")
    assert issue.where == "bảng 2, hàng 3, cột 1, đoạn “2”"
    assert issue.message == "Phông chữ “Arial”, cần Times New Roman"


def test_theme_font_from_doc_defaults_is_resolved(doc: Document, tmp_path: Path) -> None:
    rpr = doc.styles["Normal"].element.rPr
    rpr.remove(rpr.find(qn("w:rFonts")))  # text falls back to docDefaults: asciiTheme minorHAnsi
    issues = lint(doc, tmp_path)
    assert {i.rule for i in issues} == {"font-family"}
    assert all("“Cambria”" in i.message for i in issues)  # the default theme's minor font


def test_a_font_set_in_a_style_is_said_once_not_for_every_paragraph(
    doc: Document, tmp_path: Path
) -> None:
    # What an office does in Word: Home › Styles › Normal › Modify › Arial.
    doc.styles["Normal"].font.name = "Arial"
    fonts = [i for i in lint(doc, tmp_path) if i.rule == "font-family"]
    assert len(fonts) == 1
    said = re.fullmatch(
        r"Phông chữ “Arial”, cần Times New Roman \(đặt ở kiểu “Normal”, dùng ở (\d+) đoạn kể từ "
        r"đoạn này: sửa phông của kiểu “Normal” một lần là đủ\)",
        fonts[0].message,
    )
    assert said is not None and int(said.group(1)) > 10, fonts[0].message


def test_highlighted_or_coloured_text_is_said_once_each(doc: Document, tmp_path: Path) -> None:
    # An office marks its template's tags in yellow, a value in red: every document keeps them.
    lit = [p.runs[0] for p in doc.paragraphs if p.runs and p.runs[0].text.strip()][2:5]
    for run in lit:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    lit[0].font.color.rgb = RGBColor(0xC0, 0, 0)
    said = {i.rule: i for i in lint(doc, tmp_path) if i.rule.startswith("text-")}
    assert sorted(said) == ["text-color", "text-highlight"]
    assert said["text-highlight"].message == (
        "Chữ tô nền (highlight) ở 3 đoạn kể từ đoạn này: văn bản in ra giữ nguyên màu đó; chọn "
        "chữ rồi chọn Trang chủ › Màu tô sáng văn bản › Không màu"
    )
    assert said["text-color"].message == (
        "Chữ màu khác màu đen: văn bản in ra giữ nguyên màu đó; chọn chữ rồi chọn Trang chủ › "
        "Màu phông › Tự động"
    )


# -- body --------------------------------------------------------------------------------------


def test_mixed_body_sizes_flag_the_odd_paragraph(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Căn cứ Nghị định").runs[0].font.size = Pt(13)
    issue = only(lint(doc, tmp_path), "body-size")
    assert issue.where.startswith("đoạn “Căn cứ Nghị định số 98/2023")
    assert "13 pt" in issue.message and "14 pt" in issue.message


# -- header block ------------------------------------------------------------------------------


def test_national_title_not_bold(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "CỘNG HÒA").runs[0].font.bold = False
    issue = only(lint(doc, tmp_path), "national-title")
    assert issue.where == "bảng 1, hàng 1, cột 2, đoạn “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"
    assert issue.message == "Quốc hiệu: chưa in đậm, cần in đậm"


def test_motto_must_be_one_point_above_national_title(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "CỘNG HÒA").runs[0].font.size = Pt(13)  # motto stays 13
    issue = only(lint(doc, tmp_path), "motto")
    assert "đoạn “Độc lập - Tự do - Hạnh phúc”" in issue.where
    assert "14 pt" in issue.message


def test_national_13_with_motto_14_is_fine(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "CỘNG HÒA").runs[0].font.size = Pt(13)
    paragraph(doc, "Độc lập").runs[0].font.size = Pt(14)
    assert lint(doc, tmp_path) == []


def test_missing_rule_under_issuer(doc: Document, tmp_path: Path) -> None:
    rule = doc.tables[0].cell(0, 0).paragraphs[2]._p.pPr
    rule.remove(rule.find(qn("w:pBdr")))
    issue = only(lint(doc, tmp_path), "issuer-rule")
    assert "đoạn “PHÒNG VĂN HÓA VÀ THÔNG TIN”" in issue.where


def test_so_line_needs_two_digits(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "Số:"), "Số: 5/TTr-VHTT")
    issue = only(lint(doc, tmp_path), "so-line")
    assert "đoạn “Số: 5/TTr-VHTT”" in issue.where
    assert "số 0 đứng trước" in issue.message


def test_day_below_ten_needs_leading_zero(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "Bù Gia Mập"), "Bù Gia Mập, ngày 5 tháng 10 năm 2023")
    issue = only(lint(doc, tmp_path), "place-date")
    assert "đoạn “Bù Gia Mập, ngày 5 tháng 10 năm 2023”" in issue.where
    assert "ngày dưới 10" in issue.message


@pytest.mark.parametrize(
    ("date", "flagged"),
    [
        ("ngày 05 tháng 02 năm 2024", False),
        ("ngày 05 tháng 03 năm 2024", True),
        ("ngày 05 tháng 2 năm 2024", True),
        ("ngày 31 tháng 12 năm 2024", False),
        ("ngày      tháng      năm 2024", False),
    ],
)
def test_month_padding(doc: Document, tmp_path: Path, date: str, flagged: bool) -> None:
    set_text(paragraph(doc, "Bù Gia Mập"), f"Bù Gia Mập, {date}")
    issues = lint(doc, tmp_path)
    assert [i.rule for i in issues] == (["place-date"] if flagged else [])


# -- title, signature --------------------------------------------------------------------------


def test_title_not_bold(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "TỜ TRÌNH").runs[0].font.bold = False
    issue = only(lint(doc, tmp_path), "doc-type")
    assert issue.where == "đoạn “TỜ TRÌNH”"


def test_noi_nhan_13_pt(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Nơi nhận").runs[0].font.size = Pt(13)
    issue = only(lint(doc, tmp_path), "noi-nhan")
    assert issue.where == "bảng 3, hàng 1, cột 1, đoạn “Nơi nhận:”"
    assert issue.message == "Nơi nhận: cỡ chữ 13 pt, cần 12 pt"


def test_last_recipient_must_be_luu(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "- Lưu"), "- VT, VHTT.")
    issue = only(lint(doc, tmp_path), "recipients")
    assert issue.where == "bảng 3, hàng 1, cột 1, đoạn “- VT, VHTT.”"


# -- page numbers ------------------------------------------------------------------------------


def test_missing_title_pg(doc: Document, tmp_path: Path) -> None:
    doc.sections[0].different_first_page_header_footer = False
    issue = only(lint(doc, tmp_path), "page-number")
    assert issue.where == "thiết lập trang"
    assert issue.message == (
        "Chưa chọn “Trang đầu khác” ở đầu trang: số trang sẽ hiện ở trang 1, "
        "trong khi trang 1 không được đánh số"
    )


def test_missing_page_field(doc: Document, tmp_path: Path) -> None:
    header = doc.sections[0].header.paragraphs[0]
    for run in header.runs:
        run._r.getparent().remove(run._r)
    issue = only(lint(doc, tmp_path), "page-number")
    assert issue.where == "đầu trang"
    assert issue.message == "Đầu trang không có số trang, cần số trang ở giữa đầu trang"


# -- leftovers ---------------------------------------------------------------------------------


def test_leftover_tag_in_a_rendered_document(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "2. Cá nhân"), "2. Cá nhân: {{ x }} cá nhân.")
    issue = only(lint(doc, tmp_path, template=False), "leftover")
    assert issue.where == "đoạn “2. Cá nhân: {{ x }} cá nhân.”"
    assert "“{{ x }}”" in issue.message


def test_leftover_none(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "2. Cá nhân"), "2. Cá nhân: None cá nhân.")
    issue = only(lint(doc, tmp_path), "leftover")
    assert "“None”" in issue.message


def test_nan_inside_a_vietnamese_word_is_not_a_leftover(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "2. Cá nhân"), "2. Cá nhân: vấn đề nan giải đã xử lý.")
    assert lint(doc, tmp_path) == []


def test_lone_nan_is_a_leftover(doc: Document, tmp_path: Path) -> None:
    doc.tables[1].cell(1, 2).paragraphs[0].runs[0].text = "nan"
    issue = only(lint(doc, tmp_path), "leftover")
    assert issue.where == "bảng 2, hàng 2, cột 3, đoạn “nan”"


# -- data tables -------------------------------------------------------------------------------


def test_table_without_header_repeat(doc: Document, tmp_path: Path) -> None:
    set_row_flag(doc.tables[1].rows[0]._tr, "w:tblHeader", on=False)
    issue = only(lint(doc, tmp_path), "table-header-repeat")
    assert issue.where == "bảng 2, hàng 1"
    assert issue.message == (
        "Hàng tiêu đề chưa được lặp lại ở đầu mỗi trang: cần chọn “Lặp lại hàng tiêu đề” "
        "cho hàng này"
    )


def test_row_without_cant_split(doc: Document, tmp_path: Path) -> None:
    set_row_flag(doc.tables[1].rows[1]._tr, "w:cantSplit", on=False)
    issue = only(lint(doc, tmp_path), "table-row-split")
    assert issue.where == "bảng 2, hàng 2"
    assert issue.message == (
        "1 hàng có thể bị ngắt ngang, nửa trên nửa dưới ở hai trang: cần bỏ chọn "
        "“Cho phép hàng ngắt qua các trang” (Thuộc tính bảng, thẻ Hàng) cho mọi hàng"
    )


def test_grid_disagreeing_with_cells(doc: Document, tmp_path: Path) -> None:
    doc.tables[1].columns[1].width = Twips(3000)  # w:gridCol only; cells keep 4355
    issue = only(lint(doc, tmp_path), "table-grid")
    assert issue.where == "bảng 2, hàng 1, cột 2"
    assert issue.message == (
        "Độ rộng ô 7,68 cm khác độ rộng khai báo của cột 5,29 cm (lệch quá 2 %); 3 ô của bảng "
        "không khớp độ rộng cột, bảng có thể bị dàn sai khi chuyển sang PDF"
    )


# -- templates and errors ----------------------------------------------------------------------


def test_template_skips_value_checks_but_not_fonts(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "Số:"), "Số: {{ so }}/TTr-VHTT")
    paragraph(doc, CAN_CU[:20]).runs[0].font.name = "Arial"
    path = save(doc, tmp_path)
    assert is_template(path)
    issue = only(lint_docx(path), "font-family")
    assert issue.where.startswith("đoạn “Căn cứ Nghị định")


def test_rendered_document_is_not_a_template(doc: Document, tmp_path: Path) -> None:
    assert not is_template(save(doc, tmp_path))


def _text_file(path: Path) -> None:
    path.write_text("đây không phải tệp Word", encoding="utf-8")


def _empty_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "không có word/document.xml")


def _workbook(path: Path) -> None:
    openpyxl.Workbook().save(path)


@pytest.mark.parametrize("make", [_text_file, _empty_zip, _workbook])
def test_not_a_docx_raises_vietnamese_error(tmp_path: Path, make: Callable[[Path], None]) -> None:
    path = tmp_path / "bao-cao.docx"
    make(path)
    with pytest.raises(HosoError, match=re.escape(str(path))) as excinfo:
        lint_docx(path)
    assert "không phải tệp Word .docx hợp lệ" in str(excinfo.value)
    with pytest.raises(HosoError):
        is_template(path)


def test_missing_file_raises_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(HosoError, match="Không tìm thấy tệp"):
        lint_docx(tmp_path / "khong-co.docx")


def test_broken_xml_raises_vietnamese_error(doc: Document, tmp_path: Path) -> None:
    good = save(doc, tmp_path, "good.docx")
    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    with pytest.raises(HosoError, match=re.escape("XML bên trong tệp .docx bị hỏng")):
        lint_docx(broken)


def test_messages_name_things_as_a_clerk_sees_them_in_word(doc: Document, tmp_path: Path) -> None:
    """No XML names, field codes, English option names or program names; quotes are “ ”."""
    doc.sections[0]._sectPr.remove(doc.sections[0]._sectPr.find(qn("w:pgSz")))
    doc.sections[0].different_first_page_header_footer = False
    header = doc.sections[0].header.paragraphs[0]
    for run in header.runs:
        run._r.getparent().remove(run._r)
    table = doc.tables[1]
    set_row_flag(table.rows[0]._tr, "w:tblHeader", on=False)
    set_row_flag(table.rows[1]._tr, "w:cantSplit", on=False)
    table._tbl.remove(table._tbl.tblGrid)
    paragraph(doc, CAN_CU[:20]).paragraph_format.line_spacing = 2.0
    paragraph(doc, "Kính trình").paragraph_format.space_after = Pt(0)
    set_text(paragraph(doc, "2. Cá nhân"), "2. Cá nhân: None cá nhân.")
    paragraph(doc, "CỘNG HÒA").runs[0].font.name = "Arial"
    issues = lint(doc, tmp_path)
    assert {i.rule for i in issues} == {
        "page-size",
        "page-number",
        "table-header-repeat",
        "table-row-split",
        "table-grid",
        "body-line-spacing",
        "body-spacing",
        "leftover",
        "font-family",
    }
    for issue in issues:
        said = str(issue)
        assert said == f"{issue.where}: {issue.message}"  # the rule id is for programs only
        assert '"' not in said, said
        assert not re.search(
            r"w:|header|footer|PAGE|LibreOffice|single|text box|Different|Repeat|Allow", said
        ), said
