"""Lint reads the fonts of charts and SmartArt (printed with the page, named “biểu đồ 1”,
“SmartArt 1”), and leaves Word comments alone (not printed)."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from pipeline.lint import LintIssue, lint_docx
from tests.docx_factory import body_paragraph, build_to_trinh, save

TNR = "Times New Roman"
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DGM = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DIAGRAM_DRAWING = "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing"
TITLE = "Số phiếu bầu"


def latin(font: str | None) -> str:
    return f'<a:latin typeface="{font}"/>' if font else ""


def text_props(font: str | None) -> str:
    """A chart element's c:txPr, setting its font (or none)."""
    return (
        f"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr>{latin(font)}</a:defRPr></a:pPr>"
        '<a:endParaRPr lang="vi-VN"/></a:p></c:txPr>'
    )


def chart_xml(chart_font: str | None, legend: str | None = None, hidden_axis: str = "") -> str:
    """A bar chart as Word saves it: a typed title, a category axis, a value axis (deleted when
    `hidden_axis` names its font), a legend, the whole chart's font in chartSpace/c:txPr."""
    legend_props = text_props(legend) if legend else ""
    value_axis = (
        f'<c:valAx><c:axId val="2"/><c:scaling/><c:delete val="1"/><c:axPos val="l"/>'
        f'{text_props(hidden_axis)}<c:crossAx val="1"/></c:valAx>'
        if hidden_axis
        else '<c:valAx><c:axId val="2"/><c:scaling/><c:delete val="0"/><c:axPos val="l"/>'
        '<c:crossAx val="1"/></c:valAx>'
    )
    return (
        f'<c:chartSpace xmlns:c="{C}" xmlns:a="{A}" xmlns:r="{R}"><c:chart>'
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr/></a:pPr>"
        f'<a:r><a:rPr lang="vi-VN"/><a:t>{TITLE}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
        '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numLit><c:ptCount val="1"/>'
        '<c:pt idx="0"><c:v>5</c:v></c:pt></c:numLit></c:val></c:ser>'
        '<c:axId val="1"/><c:axId val="2"/></c:barChart>'
        '<c:catAx><c:axId val="1"/><c:scaling/><c:delete val="0"/><c:axPos val="b"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="2"/></c:catAx>{value_axis}</c:plotArea>'
        f'<c:legend><c:legendPos val="r"/>{legend_props}</c:legend></c:chart>'
        f"{text_props(chart_font)}</c:chartSpace>"
    )


def graphic_frame(uri: str, inner: str) -> str:
    """A run holding an inline drawing of `uri`'s kind (a chart, a SmartArt)."""
    return (
        f'<w:r xmlns:w="{W}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:r="{R}" xmlns:c="{C}" '
        f'xmlns:dgm="{DGM}"><w:drawing><wp:inline><wp:extent cx="5486400" cy="3200400"/>'
        '<wp:docPr id="7" name="Biểu đồ"/><a:graphic>'
        f'<a:graphicData uri="{uri}">{inner}</a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"
    )


def add_part(doc: Document, name: str, content_type: str, xml: str, reltype: str) -> str:
    """A part related from the document part; its relationship id."""
    part = Part(PackURI(name), content_type, xml.encode(), doc.part.package)
    return doc.part.relate_to(part, reltype)


def add_chart(doc: Document, xml: str, number: int = 1) -> None:
    rid = add_part(doc, f"/word/charts/chart{number}.xml", CT.DML_CHART, xml, RT.CHART)
    body_paragraph(doc, "")._p.append(parse_xml(graphic_frame(C, f'<c:chart r:id="{rid}"/>')))


def shape(text: str, font: str | None, ref: str = "minor") -> str:
    """A SmartArt shape as Word's saved drawing has it: its text, its font from the theme's."""
    return (
        f'<dsp:sp modelId="{{0}}"><dsp:style><a:fontRef idx="{ref}"/></dsp:style><dsp:txBody>'
        f'<a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="vi-VN">{latin(font)}</a:rPr>'
        f"<a:t>{text}</a:t></a:r></a:p></dsp:txBody></dsp:sp>"
    )


def add_smartart(doc: Document, points: list[tuple[str, str | None]], drawing: bool = True) -> None:
    """A SmartArt: its data (a point per text) and, as Word saves it, the drawing of it."""
    drawing_rid = ""
    if drawing:
        shapes = "".join(shape(text, font) for text, font in points)
        xml = (
            f'<dsp:drawing xmlns:dsp="{DSP}" xmlns:a="{A}" xmlns:dgm="{DGM}"><dsp:spTree>'
            f"{shapes}</dsp:spTree></dsp:drawing>"
        )
        drawing_rid = add_part(
            doc,
            "/word/diagrams/drawing1.xml",
            "application/vnd.ms-office.drawingml.diagramDrawing+xml",
            xml,
            DIAGRAM_DRAWING,
        )
    pts = "".join(
        f'<dgm:pt modelId="{i}"><dgm:t><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="vi-VN">'
        f"{latin(font)}</a:rPr><a:t>{text}</a:t></a:r></a:p></dgm:t></dgm:pt>"
        for i, (text, font) in enumerate(points, start=1)
    )
    ext = (
        '<dgm:extLst><a:ext uri="http://schemas.microsoft.com/office/drawing/2008/diagram">'
        f'<dsp:dataModelExt relId="{drawing_rid}" minVer="http://schemas.openxmlformats.org/'
        'drawingml/2006/diagram"/></a:ext></dgm:extLst>'
        if drawing
        else ""
    )
    data = (
        f'<dgm:dataModel xmlns:dgm="{DGM}" xmlns:a="{A}" xmlns:dsp="{DSP}"><dgm:ptLst>{pts}'
        f"</dgm:ptLst>{ext}</dgm:dataModel>"
    )
    rid = add_part(doc, "/word/diagrams/data1.xml", CT.DML_DIAGRAM_DATA, data, RT.DIAGRAM_DATA)
    inner = f'<dgm:relIds r:dm="{rid}" r:lo="" r:qs="" r:cs=""/>'
    body_paragraph(doc, "")._p.append(parse_xml(graphic_frame(DGM, inner)))


def fonts(doc: Document, folder: Path) -> list[LintIssue]:
    """The font issues lint finds in the saved document (its other issues must be none)."""
    issues = lint_docx(save(doc, folder))
    assert {i.rule for i in issues} <= {"font-family"}, issues
    return issues


def said(issues: list[LintIssue]) -> list[tuple[str, str]]:
    return sorted((i.where, i.message) for i in issues)


def test_a_chart_in_arial_is_said_by_its_number_and_title(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_chart(doc, chart_xml("Arial"))
    assert said(fonts(doc, tmp_path)) == [(f"biểu đồ 1 “{TITLE}”", f"Phông chữ “Arial”, cần {TNR}")]


def test_a_chart_s_element_in_its_own_font_is_said_and_a_deleted_axis_is_not(
    tmp_path: Path,
) -> None:
    """The legend's own font wins over the chart's; a deleted axis prints nothing."""
    doc = build_to_trinh()
    add_chart(doc, chart_xml(TNR, legend="Calibri", hidden_axis="Arial"))
    assert said(fonts(doc, tmp_path)) == [
        (f"biểu đồ 1 “{TITLE}”", f"Phông chữ “Calibri”, cần {TNR}")
    ]


def test_a_chart_naming_no_font_is_in_the_theme_s_body_font(tmp_path: Path) -> None:
    """Word prints it in the theme's body font (Cambria in python-docx's default theme)."""
    doc = build_to_trinh()
    add_chart(doc, chart_xml(None))
    assert said(fonts(doc, tmp_path)) == [
        (f"biểu đồ 1 “{TITLE}”", f"Phông chữ “Cambria”, cần {TNR}")
    ]


def test_charts_in_times_new_roman_pass(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_chart(doc, chart_xml(TNR), 1)
    add_chart(doc, chart_xml(TNR, legend=TNR, hidden_axis="Arial"), 2)
    assert fonts(doc, tmp_path) == []


def test_charts_are_numbered_through_the_body_then_the_header(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_chart(doc, chart_xml(TNR), 1)
    header = doc.sections[0].header
    part = Part(
        PackURI("/word/charts/chart2.xml"),
        CT.DML_CHART,
        chart_xml("Arial").encode(),
        doc.part.package,
    )
    rid = header.part.relate_to(part, RT.CHART)
    header.paragraphs[0]._p.append(parse_xml(graphic_frame(C, f'<c:chart r:id="{rid}"/>')))
    assert said(fonts(doc, tmp_path)) == [(f"biểu đồ 2 “{TITLE}”", f"Phông chữ “Arial”, cần {TNR}")]


def test_a_smartart_shape_in_the_theme_font_is_said(tmp_path: Path) -> None:
    """Its drawing is read (what Word prints): a shape without a font of its own takes the
    theme's, its typed font otherwise."""
    doc = build_to_trinh()
    add_smartart(doc, [("Hội đồng", TNR), ("Thường trực", None), ("Thư ký", "Arial")])
    assert said(fonts(doc, tmp_path)) == [
        ("SmartArt 1", f"Phông chữ “Arial”, “Cambria”, cần {TNR}")
    ]


def test_a_smartart_without_its_drawing_is_read_from_its_data(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_smartart(doc, [("Hội đồng", "Arial")], drawing=False)
    assert said(fonts(doc, tmp_path)) == [("SmartArt 1", f"Phông chữ “Arial”, cần {TNR}")]


def test_a_smartart_in_times_new_roman_passes(tmp_path: Path) -> None:
    doc = build_to_trinh()
    add_smartart(doc, [("Hội đồng", TNR), ("Thư ký", TNR)])
    assert fonts(doc, tmp_path) == []


def test_a_comment_in_arial_is_not_a_problem(tmp_path: Path) -> None:
    """Comments are not printed: their font reaches no page."""
    doc = build_to_trinh()
    paragraph = body_paragraph(doc, "Thực hiện Kế hoạch của Ủy ban nhân dân huyện.")
    comment = doc.add_comment(paragraph.runs, text="", author="Văn thư")
    run = comment.paragraphs[0].add_run("Kiểm tra lại số liệu")
    run.font.name = "Arial"
    assert fonts(doc, tmp_path) == []


def test_hoso_lint_says_the_chart_s_font_under_the_file(tmp_path: Path, run_cli) -> None:
    doc = build_to_trinh()
    add_chart(doc, chart_xml("Arial"))
    path = save(doc, tmp_path)
    result = run_cli("lint", path)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"✗ {path}: 1 lỗi thể thức",
        f"    biểu đồ 1 “{TITLE}”: Phông chữ “Arial”, cần {TNR}",
    ]
