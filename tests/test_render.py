"""The prepared-template renderer gives exactly what docxtpl's own rendering gives, faster."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as Docx
from lxml import etree

from pipeline.check import check_file
from pipeline.documents import documents_for
from pipeline.inputs.plans import all_plans
from pipeline.render import Renderer, TemplateSet
from pipeline.render.prepared import PreparedTemplate

PROPS = {
    "title": "Tờ trình",
    "author": "Ủy ban nhân dân huyện Bù Gia Mập",
    "subject": "Chuyển đổi số",
}


def _canonical(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return etree.tostring(etree.fromstring(zf.read(name)), method="c14n")


@pytest.mark.parametrize("plan_id", [p.id for p in all_plans()])
def test_fast_rendering_equals_docxtpl_rendering(plan_id: str, example) -> None:
    batch = check_file(example(plan_id)).batch
    renderer = Renderer(TemplateSet.build())
    for doc in documents_for(batch):
        fast = renderer.render(doc.template, doc.context, label=doc.title, properties=PROPS)
        slow = renderer.render_slowly(doc.template, doc.context, properties=PROPS)
        with zipfile.ZipFile(io.BytesIO(slow)) as zf, zipfile.ZipFile(io.BytesIO(fast)) as ours:
            names = zf.namelist()
            assert sorted(ours.namelist()) == sorted(names), doc.path
            media = [n for n in names if not n.endswith((".xml", ".rels"))]
            assert all(ours.read(n) == zf.read(n) for n in media), doc.path
        for name in names:
            if name.endswith((".xml", ".rels")):  # every part: properties and relationships too
                assert _canonical(fast, name) == _canonical(slow, name), (doc.path, name)
        core = Docx(io.BytesIO(fast)).core_properties
        assert (core.title, core.author, core.subject) == (
            PROPS["title"],
            PROPS["author"],
            PROPS["subject"],
        )


def test_tags_outside_body_and_headers_use_docxtpl_in_full(tmp_path: Path) -> None:
    doc = Docx()
    doc.add_paragraph("{{ ten }}")
    doc.core_properties.title = "{{ ten }}"
    path = tmp_path / "mau.docx"
    doc.save(path)
    assert not PreparedTemplate.supports(path.read_bytes())
    plain = Docx()
    plain.add_paragraph("{{ ten }}")
    plain.save(path)
    assert PreparedTemplate.supports(path.read_bytes())
