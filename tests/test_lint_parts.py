"""Lint reads the fonts of every part a reader sees printed: footnotes, endnotes and text boxes
(DrawingML and VML, in the body, a header or a note) too, each named in the message."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph

from pipeline.lint import LintIssue, lint_docx
from tests.docx_factory import body_paragraph, build_to_trinh, save

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
TNR = "Times New Roman"


def run(text: str, font: str = TNR) -> str:
    """A run of 14 pt text in a font, as Word writes it."""
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/><w:sz w:val="28"/></w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r>'
    )


def box_content(text: str, font: str) -> str:
    return f"<w:txbxContent><w:p>{run(text, font)}</w:p></w:txbxContent>"


def add_drawing_box(paragraph: Paragraph, text: str, font: str) -> None:
    """A text box as Word 2010+ saves it: DrawingML, with its VML copy for older readers."""
    inner = box_content(text, font)
    paragraph._p.append(
        parse_xml(
            f'<w:r {NAMESPACES}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
            'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" '
            'y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="914400" cy="457200"/><wp:wrapNone/><wp:docPr id="9" '
            'name="Text Box 9"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/'
            'office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
            f"<wps:txbx>{inner}</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
            f"{inner}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    )


def add_vml_box(paragraph: Paragraph, text: str, font: str) -> None:
    """A text box as Word 2007 and LibreOffice save it: VML only."""
    paragraph._p.append(
        parse_xml(
            f'<w:r {NAMESPACES}><w:pict><v:shape style="width:100pt;height:40pt"><v:textbox>'
            f"{box_content(text, font)}</v:textbox></v:shape></w:pict></w:r>"
        )
    )


def add_notes(doc: Document, kind: str, text: str, font: str, extra: str = "") -> None:
    """A footnotes (or endnotes) part with Word's separators and one note, referenced from a
    body paragraph; `extra`: more XML inside the note."""
    tag, reltype, content_type = {
        "footnote": ("footnote", RT.FOOTNOTES, CT.WML_FOOTNOTES),
        "endnote": ("endnote", RT.ENDNOTES, CT.WML_ENDNOTES),
    }[kind]
    separator = '<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr><w:separator/></w:r></w:p>'
    xml = (
        f"<w:{tag}s {NAMESPACES}>"
        f'<w:{tag} w:type="separator" w:id="-1">{separator}</w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0">{separator}</w:{tag}>'
        f'<w:{tag} w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f"<w:{tag}Ref/></w:r>{run(' ' + text, font)}{extra}</w:p></w:{tag}>"
        f"</w:{tag}s>"
    )
    name = PackURI(f"/word/{tag}s.xml")
    doc.part.relate_to(Part(name, content_type, xml.encode(), doc.part.package), reltype)
    reference = body_paragraph(doc, "Thực hiện Kế hoạch của Ủy ban nhân dân huyện.")
    reference._p.append(
        parse_xml(
            f'<w:r {NAMESPACES}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:{tag}Reference w:id="1"/></w:r>'
        )
    )


def fonts(doc: Document, folder: Path) -> list[LintIssue]:
    """The font issues lint finds in the saved document (its other issues must be none)."""
    issues = lint_docx(save(doc, folder))
    assert {i.rule for i in issues} <= {"font-family"}, issues
    return issues


@pytest.mark.parametrize(
    ("kind", "label"), [("footnote", "chú thích cuối trang"), ("endnote", "chú thích cuối văn bản")]
)
def test_a_note_in_arial_is_said_in_its_part(kind: str, label: str, tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_notes(doc, kind, "Kế hoạch số 12/KH-UBND ngày 10/3/2022.", "Arial")
    (issue,) = fonts(doc, tmp_path)
    assert issue.where == f"{label}, đoạn “Kế hoạch số 12/KH-UBND ngày 10/3/2022.”"
    assert issue.message == f"Phông chữ “Arial”, cần {TNR}"


def test_notes_in_times_new_roman_pass(tmp_path: Path) -> None:
    """Word's separator lines above the notes, in whatever font, are no text of the author's."""
    doc = build_to_trinh()
    add_notes(doc, "footnote", "Kế hoạch số 12/KH-UBND.", TNR)
    add_notes(doc, "endnote", "Quyết định số 5/QĐ-UBND.", TNR)
    assert fonts(doc, tmp_path) == []


def test_a_drawing_text_box_in_arial_is_said_once(tmp_path: Path) -> None:
    """Its VML copy for older readers holds the same text: one problem, not two."""
    doc = build_to_trinh()
    add_drawing_box(body_paragraph(doc, ""), "DỰ THẢO", "Arial")
    (issue,) = fonts(doc, tmp_path)
    assert (issue.where, issue.message) == (
        "hộp văn bản, đoạn “DỰ THẢO”",
        f"Phông chữ “Arial”, cần {TNR}",
    )


def test_a_vml_text_box_in_arial_is_said(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_vml_box(body_paragraph(doc, ""), "Mẫu số 01", "Arial")
    (issue,) = fonts(doc, tmp_path)
    assert issue.where == "hộp văn bản, đoạn “Mẫu số 01”"


def test_text_boxes_in_a_header_and_in_a_footnote_name_both_places(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_drawing_box(doc.sections[0].header.paragraphs[0], "Mật", "Arial")
    box = (
        "<w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p>"
        f"{run('Ghi chú', 'Calibri')}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    add_notes(doc, "footnote", "Kế hoạch số 12/KH-UBND.", TNR, extra=box)
    assert sorted((i.where, i.message) for i in fonts(doc, tmp_path)) == [
        ("chú thích cuối trang, hộp văn bản, đoạn “Ghi chú”", f"Phông chữ “Calibri”, cần {TNR}"),
        ("đầu trang, hộp văn bản, đoạn “Mật”", f"Phông chữ “Arial”, cần {TNR}"),
    ]


def test_text_boxes_in_times_new_roman_pass(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_drawing_box(body_paragraph(doc, ""), "DỰ THẢO", TNR)
    add_vml_box(body_paragraph(doc, ""), "Mẫu số 01", TNR)
    assert fonts(doc, tmp_path) == []


def test_hoso_lint_says_the_footnote_s_font_under_the_file(tmp_path: Path, run_cli) -> None:
    doc = build_to_trinh()
    add_notes(doc, "footnote", "Kế hoạch số 12/KH-UBND.", "Arial")
    path = save(doc, tmp_path)
    result = run_cli("lint", path)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"✗ {path}: 1 lỗi thể thức",
        f"    chú thích cuối trang, đoạn “Kế hoạch số 12/KH-UBND.”: Phông chữ “Arial”, cần {TNR}",
    ]
