"""pipeline.lint: how elements are found (rule forms, header in paragraphs, styles, templates)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, Twips
from docx.text.paragraph import Paragraph

from pipeline.lint import LintIssue, lint_docx
from tests.docx_factory import (
    CAN_CU,
    CENTER,
    LONG_BODY,
    TEXT_WIDTH,
    add_page_field,
    add_page_numbers,
    body_paragraph,
    build_to_trinh,
    paragraph,
    rule_paragraph,
    save,
    set_border,
    set_text,
    setup_page,
    write,
)

WPS_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<w:drawing><wp:anchor><wp:extent cx="{cx}" cy="0"/><a:graphic><a:graphicData'
    ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
    '<wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"><a:avLst/></a:prstGeom></wps:spPr>'
    "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)
VML_LINE = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
    '<v:line from="0,0" to="100pt,0" strokeweight="1pt"/></w:pict></w:r>'
)


@pytest.fixture
def doc() -> Document:
    return build_to_trinh()


def lint(doc: Document, folder: Path, **kwargs: bool) -> list[LintIssue]:
    return lint_docx(save(doc, folder), **kwargs)


def rules(issues: list[LintIssue]) -> list[str]:
    return [i.rule for i in issues]


def formatting(issues: list[LintIssue]) -> list[LintIssue]:
    """The format issues alone, for a template made of tag fragments (its tags are checked too)."""
    return [i for i in issues if not i.rule.startswith("template-")]


def remove_border(p: Paragraph) -> None:
    ppr = p._p.pPr
    ppr.remove(ppr.find(qn("w:pBdr")))


# -- horizontal rules --------------------------------------------------------------------------


def test_drawn_line_counts_as_the_motto_rule(doc: Document, tmp_path: Path) -> None:
    remove_border(doc.tables[0].cell(0, 1).paragraphs[2])
    assert rules(lint(doc, tmp_path)) == ["motto-rule"]
    paragraph(doc, "Độc lập")._p.append(parse_xml(WPS_LINE.format(cx=2_500_000)))
    assert lint(doc, tmp_path) == []


def test_vml_line_counts_as_the_issuer_rule(doc: Document, tmp_path: Path) -> None:
    rule = doc.tables[0].cell(0, 0).paragraphs[2]
    remove_border(rule)
    rule._p.append(parse_xml(VML_LINE))
    assert lint(doc, tmp_path) == []


def test_bottom_border_on_the_issuer_itself_counts(doc: Document, tmp_path: Path) -> None:
    remove_border(doc.tables[0].cell(0, 0).paragraphs[2])
    issuer = paragraph(doc, "PHÒNG VĂN HÓA")
    issuer.paragraph_format.left_indent = issuer.paragraph_format.right_indent = Twips(800)
    set_border(issuer, "bottom")
    assert lint(doc, tmp_path) == []


def test_dotted_border_is_not_a_solid_rule(doc: Document, tmp_path: Path) -> None:
    rule = doc.tables[0].cell(0, 0).paragraphs[2]
    remove_border(rule)
    set_border(rule, "top", val="dotted")
    assert rules(lint(doc, tmp_path)) == ["issuer-rule"]


def test_full_width_issuer_rule_is_too_long(doc: Document, tmp_path: Path) -> None:
    rule = doc.tables[0].cell(0, 0).paragraphs[2]
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Twips(0)
    issue = lint(doc, tmp_path)
    assert rules(issue) == ["issuer-rule-width"]
    assert "100 %" in issue[0].message


# -- header elements ---------------------------------------------------------------------------


def test_parent_body_must_not_be_bold(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "UBND HUYỆN").runs[0].font.bold = True
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["parent-body"]
    assert "đoạn “UBND HUYỆN BÙ GIA MẬP”" in issues[0].where


def test_issuer_must_be_upper_case(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "PHÒNG VĂN HÓA"), "Phòng Văn hóa và Thông tin")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["issuer"]
    assert "IN HOA" in issues[0].message


def test_caps_formatting_counts_as_upper_case(doc: Document, tmp_path: Path) -> None:
    issuer = paragraph(doc, "PHÒNG VĂN HÓA")
    set_text(issuer, "Phòng Văn hóa và Thông tin")
    issuer.runs[0].font.all_caps = True
    assert lint(doc, tmp_path) == []


def test_national_title_split_over_two_lines(doc: Document, tmp_path: Path) -> None:
    national = paragraph(doc, "CỘNG HÒA")
    set_text(national, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
    national.runs[0].add_break()
    national.runs[0].add_text("VIỆT NAM")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["national-title"]
    assert "một dòng" in issues[0].message


def test_motto_hyphens_need_spaces(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "Độc lập"), "Độc lập-Tự do-Hạnh phúc")
    assert rules(lint(doc, tmp_path)) == ["motto"]


@pytest.mark.parametrize(
    ("so", "flagged"),
    [
        ("Số: 05/TTr-VHTT", False),
        ("Số:      /TTr-VHTT", False),
        ("Số:\t/TTr-VHTT", False),
        ("Số: 123/UBND-VP", False),
        ("Số: 05/BB-HĐTĐKT", False),
        ("Số: 05 / TTr-VHTT", True),
        ("Số: 05/TTr VHTT", True),
        ("số: 05/TTr-VHTT", True),
    ],
)
def test_so_line_pattern(doc: Document, tmp_path: Path, so: str, flagged: bool) -> None:
    set_text(paragraph(doc, "Số"), so)
    assert rules(lint(doc, tmp_path)) == (["so-line"] if flagged else [])


def test_so_line_must_be_13_pt(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Số:").runs[0].font.size = Pt(14)
    assert rules(lint(doc, tmp_path)) == ["so-line"]


def test_place_date_must_be_italic(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Bù Gia Mập").runs[0].font.italic = False
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["place-date"]
    assert "in nghiêng" in issues[0].message


def test_header_in_plain_paragraphs_with_trailing_signature(tmp_path: Path) -> None:
    doc = new_document()
    setup_page(doc)
    add_page_numbers(doc)
    write(doc.add_paragraph(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, align=CENTER)
    write(doc.add_paragraph(), "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=CENTER)
    rule_paragraph(doc.add_paragraph(), TEXT_WIDTH, 0.4)
    write(doc.add_paragraph(), "BÁO CÁO THÀNH TÍCH", bold=True, align=CENTER)
    body_paragraph(doc, LONG_BODY)
    write(doc.add_paragraph(), "THỦ TRƯỞNG ĐƠN VỊ", bold=True, align=CENTER)
    write(doc.add_paragraph(), "(Ký, đóng dấu)", italic=True, align=CENTER)
    doc.add_paragraph()
    write(doc.add_paragraph(), "Nguyễn Văn An", align=CENTER)
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["national-title", "signer"]
    assert issues[0].where == "đoạn “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"
    assert issues[1].where == "đoạn “Nguyễn Văn An”"


# -- body --------------------------------------------------------------------------------------


def test_long_body_paragraph_must_be_justified(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Phòng Văn hóa và Thông tin kính").alignment = 0  # left
    assert rules(lint(doc, tmp_path)) == ["body-align"]


def test_long_body_paragraph_needs_first_line_indent(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, CAN_CU[:20]).paragraph_format.first_line_indent = Cm(0.5)
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["body-indent"]
    assert "0,5 cm" in issues[0].message


def test_list_items_need_no_indent(doc: Document, tmp_path: Path) -> None:
    item = paragraph(doc, "1. Tập thể")
    set_text(item, "1. Tập thể: " + LONG_BODY)
    item.paragraph_format.first_line_indent = Cm(0)
    assert lint(doc, tmp_path) == []


def test_body_spacing_below_6_pt(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, CAN_CU[:20]).paragraph_format.space_after = Pt(2)
    assert rules(lint(doc, tmp_path)) == ["body-spacing"]


def test_double_line_spacing_is_too_wide(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, CAN_CU[:20]).paragraph_format.line_spacing = 2.0
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["body-line-spacing"]
    assert issues[0].message == (
        "Nội dung: giãn dòng 2 dòng, cần từ 1 dòng (giãn dòng đơn) đến 1,5 dòng"
    )


def test_normal_style_at_12_pt_flags_every_body_paragraph(doc: Document, tmp_path: Path) -> None:
    for p in doc.paragraphs:
        for run in p.runs:
            run.font.size = None if run.font.size == Pt(14) else run.font.size
    doc.styles["Normal"].font.size = Pt(12)
    issues = [i for i in lint(doc, tmp_path) if i.rule == "body-size"]
    assert len(issues) == 7
    assert all("cỡ chữ 12 pt, cần 13–14 pt" in i.message for i in issues)


def test_part_heading_must_be_bold_upper(doc: Document, tmp_path: Path) -> None:
    heading = paragraph(doc, "1. Tập thể")
    set_text(heading, "I. Tập thể đề nghị")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["part-heading", "part-heading"]
    assert {"CHỮ IN HOA" in issues[0].message, "in đậm" in issues[1].message} == {True}


def test_trich_yeu_must_be_bold(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Về việc").runs[0].font.bold = False
    assert rules(lint(doc, tmp_path)) == ["trich-yeu"]


def test_title_must_be_centred(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "TỜ TRÌNH").alignment = 0
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["doc-type"]
    assert issues[0].message == "Tên loại văn bản: căn trái, cần căn giữa"


# -- signature ---------------------------------------------------------------------------------


def test_signer_name_not_bold(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "Nguyễn Văn An").runs[0].font.bold = False
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["signer"]
    assert issues[0].where == "bảng 3, hàng 1, cột 2, đoạn “Nguyễn Văn An”"


def test_authority_line_size(doc: Document, tmp_path: Path) -> None:
    paragraph(doc, "KT. TRƯỞNG").runs[0].font.size = Pt(12)
    assert rules(lint(doc, tmp_path)) == ["signer"]


def test_recipient_size_and_punctuation(doc: Document, tmp_path: Path) -> None:
    recipient = paragraph(doc, "- Như trên")
    recipient.runs[0].font.size = Pt(13)
    set_text(recipient, "- Như trên")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["recipients", "recipients"]
    assert all(i.where.endswith("đoạn “- Như trên”") for i in issues)


# -- page numbers, sections --------------------------------------------------------------------


def test_page_number_on_first_page_header(doc: Document, tmp_path: Path) -> None:
    add_page_field(doc.sections[0].first_page_header.paragraphs[0])
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["page-number"]
    assert issues[0].where.startswith("đầu trang của trang 1, ")
    assert issues[0].message == (
        "Số trang: trang 1 không được đánh số, cần xóa số trang ở đầu trang của trang 1"
    )


def test_page_number_in_the_footer(doc: Document, tmp_path: Path) -> None:
    header = doc.sections[0].header.paragraphs[0]
    for run in header.runs:
        run._r.getparent().remove(run._r)
    add_page_field(doc.sections[0].footer.paragraphs[0])
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["page-number"]
    assert issues[0].where == "đầu trang"
    assert issues[0].message == "Số trang đang ở chân trang, cần đặt ở giữa đầu trang"


def test_page_number_italic_12_pt(doc: Document, tmp_path: Path) -> None:
    for run in doc.sections[0].header.paragraphs[0].runs:
        run.font.size, run.font.italic = Pt(12), True
    assert rules(lint(doc, tmp_path)) == ["page-number", "page-number"]


def test_second_section_is_checked_and_named(doc: Document, tmp_path: Path) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.right_margin = Twips(1417)  # 25 mm
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["margin-right"]
    assert issues[0].where == "lề trang, phần 2 của văn bản"


# -- fonts through styles ----------------------------------------------------------------------


def test_character_style_font_is_resolved(doc: Document, tmp_path: Path) -> None:
    style = doc.styles.add_style("Nhấn mạnh", WD_STYLE_TYPE.CHARACTER)
    style.font.name = "Arial"
    paragraph(doc, CAN_CU[:20]).runs[0].style = style
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["font-family"]
    assert "“Arial”" in issues[0].message


def test_theme_attribute_beats_explicit_name_on_one_element(doc: Document, tmp_path: Path) -> None:
    run = paragraph(doc, "Kính trình").runs[0]
    run.font.name = "Times New Roman"
    run._r.rPr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "majorHAnsi")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["font-family"]
    assert "“Calibri”" in issues[0].message  # the default theme's major font


def test_theme_font_without_a_theme_is_named_as_word_lists_it(
    doc: Document, tmp_path: Path
) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = next(r for r in doc.part.rels.values() if r.reltype == RT.THEME)
    doc.part.drop_rel(theme.rId)
    run = paragraph(doc, "Kính trình").runs[0]
    run.font.name = "Times New Roman"
    run._r.rPr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "majorHAnsi")
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["font-family"]
    assert issues[0].message == ("Phông chữ “phông chủ đề cho Tiêu đề”, cần Times New Roman")


def test_font_in_header_part_is_checked(doc: Document, tmp_path: Path) -> None:
    doc.sections[0].header.paragraphs[0].runs[3].font.name = "Arial"
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["font-family"]
    assert issues[0].where.startswith("đầu trang, đoạn “")


# -- templates ---------------------------------------------------------------------------------


def test_template_tags_do_not_break_case_or_identification(doc: Document, tmp_path: Path) -> None:
    set_text(paragraph(doc, "UBND HUYỆN"), "{{ co_quan_chu_quan }}")
    set_text(paragraph(doc, "PHÒNG VĂN HÓA"), "{{ co_quan_trinh_khen }}")
    set_text(paragraph(doc, "Bù Gia Mập"), "{{ dia_danh }}, {{ ngay_thang }}")
    set_text(paragraph(doc, "- Như trên"), "{%p for n in noi_nhan %}")
    set_text(paragraph(doc, "- Chủ tịch"), "- {{ n }};")
    set_text(paragraph(doc, "- Lưu: VT"), "{%p endfor %}")  # tags that parse: format is checked
    set_text(paragraph(doc, "Nguyễn Văn An"), "{{ nguoi_ky }}")
    paragraph(doc, "{{ co_quan_trinh_khen").runs[0].font.bold = False
    issues = formatting(lint(doc, tmp_path))
    assert rules(issues) == ["issuer"]
    assert issues[0].message == "Cơ quan ban hành: chưa in đậm, cần in đậm"


def test_template_control_rows_are_not_table_rows(doc: Document, tmp_path: Path) -> None:
    table = doc.tables[1]
    control = table.add_row()
    control.cells[0].paragraphs[0].add_run("{%tr for x in ca_nhan %}")
    table._tbl.remove(control._tr)
    table._tbl.insert(table._tbl.index(table.rows[1]._tr), control._tr)  # before the data rows
    set_text(table.cell(2, 1).paragraphs[0], "{{ x.ho_ten }}")
    assert formatting(lint(doc, tmp_path)) == []


def test_table_cell_size_outside_12_14(doc: Document, tmp_path: Path) -> None:
    doc.tables[1].cell(1, 1).paragraphs[0].runs[0].font.size = Pt(10)
    issues = lint(doc, tmp_path)
    assert rules(issues) == ["table-size"]
    assert issues[0].where == "bảng 2, hàng 2, cột 2"
    assert issues[0].message == "Ô bảng: cỡ chữ 10 pt, cần 12–14 pt"


def test_borderless_table_is_not_a_data_table(doc: Document, tmp_path: Path) -> None:
    table = doc.tables[1]
    table.style = None  # no "Table Grid": no borders, so a layout table
    for row in table.rows:
        row._tr.get_or_add_trPr().clear()
    assert lint(doc, tmp_path) == []
