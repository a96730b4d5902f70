"""hoso's fast renderer against docxtpl's own rendering, part by part, for every docxtpl feature an
office template might use (issue 14): where the two would differ, the fast path steps aside."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage, RichText
from lxml import etree

from pipeline.errors import TemplateError
from pipeline.render import Renderer, TemplateSet
from pipeline.render.columns import fit_tables
from pipeline.render.contexts import plain
from pipeline.render.environment import environment
from pipeline.render.metrics import TextStyles
from pipeline.render.prepared import BrokenPart, PreparedTemplate
from pipeline.render.relationships import MissingRelationship
from tests.peer_templates import FEATURES, TRICKY, header_if_around_table, png, saved

PROPS = {"title": "Tờ trình", "author": "UBND huyện Bù Gia Mập", "subject": "Chuyển đổi số"}


def docxtpl_render(blob: bytes, context: dict[str, Any], tpl: DocxTemplate | None = None) -> bytes:
    """docxtpl's own rendering with hoso's Jinja environment, then what hoso adds on every path:
    its column fitting and the document's properties."""
    tpl = tpl or DocxTemplate(io.BytesIO(blob))
    tpl.render(context, jinja_env=environment(), autoescape=True)
    fit_tables(tpl.docx.element.body, TextStyles(tpl.docx.styles.element))
    for key, value in PROPS.items():
        setattr(tpl.docx.core_properties, key, value)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def fast_render(blob: bytes, context: dict[str, Any]) -> bytes:
    """hoso's prepared template, as a build renders a document."""
    return PreparedTemplate(blob, environment()).render(context, PROPS)


def parts(package: bytes) -> dict[str, bytes]:
    """Every part of a package: XML canonicalised (C14N), media and other parts as bytes."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            if name.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), method="c14n")
            out[name] = data
    return out


def assert_same_parts(ours: bytes, theirs: bytes) -> None:
    """The same part names, and every part equal."""
    mine, peer = parts(ours), parts(theirs)
    assert sorted(mine) == sorted(peer)
    for name in peer:
        assert mine[name] == peer[name], name


def save_template(folder: Path, blob: bytes, name: str = "mau.docx") -> Renderer:
    """A renderer whose template folder holds this template."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(blob)
    return Renderer(TemplateSet.build(folder))


class Spy:
    """Counts the documents a renderer sends through docxtpl's full path."""

    def __init__(self, renderer: Renderer):
        self.calls = 0
        full = renderer.render_slowly

        def counted(*args: Any, **kwargs: Any) -> bytes:
            self.calls += 1
            return full(*args, **kwargs)

        renderer.render_slowly = counted  # type: ignore[method-assign]


@pytest.mark.parametrize("feature", FEATURES)
def test_the_fast_path_gives_docxtpl_parts(feature: str, tmp_path: Path) -> None:
    blob, context = FEATURES[feature]()
    assert PreparedTemplate.supports(blob) and plain(context)  # the fast path takes it
    reference = docxtpl_render(blob, context)
    assert_same_parts(fast_render(blob, context), reference)
    renderer = save_template(tmp_path / "mau", blob)
    spy = Spy(renderer)
    built = renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)
    assert_same_parts(built, reference)
    assert spy.calls == 0  # a build renders it on the fast path


def visible(xml: bytes) -> str:
    """The text of a part as a reader sees it (non-breaking spaces as spaces)."""
    root = etree.fromstring(xml)
    return "".join(root.itertext()).replace("\u00a0", " ")


def test_the_features_really_render() -> None:
    """The peers agree on a rendering that did something (loops ran, merges and breaks exist)."""
    rendered = {f: parts(fast_render(*FEATURES[f]())) for f in FEATURES}
    xml = {f: p["word/document.xml"].decode() for f, p in rendered.items()}
    text = {f: visible(p["word/document.xml"]) for f, p in rendered.items()}
    assert "2Trần Thị Bích NgọcTrung tâm <Văn hóa>3" in text["tr-tc-loops"]
    assert "{%" not in xml["tr-tc-loops"] and xml["tr-tc-loops"].count("<w:gridCol ") == 3 + 4
    assert "Cá nhânNguyễn Văn An" in text["merges-cellbg-colspan"]
    assert xml["merges-cellbg-colspan"].count('w:vMerge w:val="continue"') == 2
    assert xml["merges-cellbg-colspan"].count('w:gridSpan w:val="3"') == 2
    assert 'w:fill="DDEBF7"' in xml["merges-cellbg-colspan"]
    assert "Trước sau: Nguyễn Văn An" in text["comments"] and "ghi chú" not in text["comments"]
    assert text["escaping"].startswith(f"Đơn vị: {TRICKY}") and "1 < 2" in text["escaping"]
    assert "&amp; B" in xml["escaping"]
    assert '<w:br w:type="page"></w:br>' in xml["breaks"] and "<w:tab></w:tab>" in xml["breaks"]
    assert "dòng một<w:br></w:br>" in xml["breaks"].replace("</w:t>", "")
    assert (
        "1. Tập thể2. Cá nhân & gia đìnhCó 2 mục.Kính gửi: Chủ tịch UBND huyện." in text["p-r-tags"]
    )
    header = "".join(visible(v) for k, v in rendered["headers-footers"].items() if "header" in k)
    assert "số 05/TTr-VHTT" in header and 'Lê "Út" Em' in header and "Trang đầu" in header
    footers = [visible(v) for k, v in rendered["headers-footers"].items() if "word/footer" in k]
    assert "Chân trang 05" in footers
    assert sum(n.startswith("word/media/") for n in rendered["pictures"]) == 3


def test_the_broken_header_fails_on_both_paths(tmp_path: Path) -> None:
    blob, context = header_if_around_table(False)
    with pytest.raises(BrokenPart, match="word/header"):
        fast_render(blob, context)
    with pytest.raises(etree.XMLSyntaxError):
        docxtpl_render(blob, context)
    renderer = save_template(tmp_path / "mau", blob)
    with pytest.raises(TemplateError, match=r"phần đầu trang \(word/header1.xml\)"):
        renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)


def test_a_picture_in_the_context_goes_through_docxtpl(tmp_path: Path) -> None:
    doc_blob, _ = FEATURES["escaping"]()
    renderer = save_template(tmp_path / "mau", doc_blob)
    peer = DocxTemplate(io.BytesIO(doc_blob))
    context = {"ten": InlineImage(peer, io.BytesIO(png()), width=Mm(20)), "so": "1"}
    assert not plain(context)
    with pytest.raises(AttributeError):  # forced through the fast path, it could not draw it
        fast_render(doc_blob, context)
    spy = Spy(renderer)
    built = renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)
    assert spy.calls == 1
    assert_same_parts(built, docxtpl_render(doc_blob, context, peer))
    assert any(n.startswith("word/media/") for n in parts(built))


def test_a_link_made_for_another_package_is_refused_not_written(tmp_path: Path) -> None:
    doc_blob, _ = FEATURES["escaping"]()
    renderer = save_template(tmp_path / "mau", doc_blob)
    other = DocxTemplate(io.BytesIO(doc_blob))
    link = RichText(
        "trang của huyện", url_id=other.build_url_id("https://bugiamap.binhphuoc.gov.vn")
    )
    context = {"ten": link, "so": "1"}
    assert not plain(context)
    with pytest.raises(MissingRelationship):  # the fast path would point to a missing id
        fast_render(doc_blob, context)
    spy = Spy(renderer)
    with pytest.raises(TemplateError) as refused:
        renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)
    assert spy.calls == 1
    assert f"Mẫu {tmp_path / 'mau' / 'mau.docx'}: phần nội dung (word/document.xml)" in str(
        refused.value
    )
    assert "trỏ tới ảnh hoặc liên kết không có trong tệp (rId" in str(refused.value)


def test_a_template_pointing_to_a_missing_picture_is_refused(tmp_path: Path) -> None:
    """A header picture whose relationship was lost: both paths refuse, naming the part."""
    blob, context = FEATURES["pictures"]()
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["word/_rels/header1.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    renderer = save_template(tmp_path / "mau", out.getvalue())
    with pytest.raises(TemplateError, match=r"phần đầu trang \(word/header1.xml\) trỏ tới"):
        renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)


def test_hoso_contexts_stay_on_the_fast_path(example) -> None:
    from pipeline.check import check_file
    from pipeline.documents import documents_for

    batch = check_file(example()).batch
    assert all(plain(doc.context) for doc in documents_for(batch))


def test_the_variable_list_says_pictures_and_rich_text_are_not_offered(run_cli) -> None:
    result = run_cli("templates")
    assert result.code == 0
    assert (
        "hoso không đưa ảnh (InlineImage), chữ định dạng hay liên kết (RichText) và văn bản con "
        "(Subdoc) vào biến" in result.out
    )


def test_any_other_object_in_the_context_goes_through_docxtpl(tmp_path: Path) -> None:
    """An object the fast path cannot vouch for (here one with attributes) renders as docxtpl's."""

    class Unit:
        ten = TRICKY
        so = "05"

    doc = Document()
    doc.add_paragraph("{{ don_vi.ten }}, số {{ don_vi.so }}")
    doc.sections[0].header.paragraphs[0].add_run("{{ don_vi.ten }}")
    blob = saved(doc)
    context = {"don_vi": Unit()}
    assert not plain(context)
    renderer = save_template(tmp_path / "mau", blob)
    spy = Spy(renderer)
    built = renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)
    assert spy.calls == 1
    assert_same_parts(built, docxtpl_render(blob, context))
    assert visible(parts(built)["word/document.xml"]) == f"{TRICKY}, số 05"


def test_tags_in_the_document_properties_go_through_docxtpl(tmp_path: Path) -> None:
    """docxtpl renders the properties' texts; the fast path copies them, so it steps aside."""
    doc = Document()
    doc.add_paragraph("{{ ten }}")
    doc.core_properties.comments = "Soạn cho {{ ten }}"
    blob, context = saved(doc), {"ten": "Nguyễn Văn An"}
    assert plain(context) and not PreparedTemplate.supports(blob)
    # The fast path renders body, headers and footers only: it would copy this text as it is.
    assert "Soạn cho {{ ten }}" in visible(parts(blob)["docProps/core.xml"])
    renderer = save_template(tmp_path / "mau", blob)
    spy = Spy(renderer)
    built = renderer.render("mau.docx", context, label="Tờ trình", properties=PROPS)
    assert spy.calls == 1
    assert_same_parts(built, docxtpl_render(blob, context))
    assert "Soạn cho Nguyễn Văn An" in visible(parts(built)["docProps/core.xml"])
