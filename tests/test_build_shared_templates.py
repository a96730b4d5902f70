"""A build's workbooks share its templates, read, prepared and checked once: each workbook's
documents and each template mistake's hint are still its own, as if it were built alone."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from pipeline.build import BuildOptions, build
from pipeline.documents import template_keys
from pipeline.render import Renderer, TemplateSet
from pipeline.render.shapes import given_shapes
from pipeline.resources import TEMPLATES_DIR
from tests.conftest import cell_of, edit


def _docx(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.docx"))}


def _says(folder: Path, text: str) -> list[str]:
    """The documents of a folder whose paragraphs or table cells hold `text`."""
    found = []
    for name in _docx(folder):
        doc = Document(str(folder / name))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        texts = [*(p.text for p in doc.paragraphs), *cells]
        if any(text in t.replace("\u00a0", " ") for t in texts):  # names kept on one line
            found.append(name)
    return found


def test_workbooks_built_together_make_the_documents_each_makes_alone(
    example, tmp_path: Path
) -> None:
    first, second = example(name="don-vi-a.xlsx"), example(name="don-vi-b.xlsx")
    with edit(second) as wb:  # a different nominee: the second workbook's contexts differ
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 2)] = "Lê Thị Thu Hằng"
    together = build([first, second], BuildOptions(out_dir=tmp_path / "together", pdf=False))
    assert all(r.folder is not None for r in together.results), together.results
    for book in (first, second):
        alone = build([book], BuildOptions(out_dir=tmp_path / f"alone-{book.stem}", pdf=False))
        assert alone.results[0].folder is not None, alone.results[0]
        made = _docx(tmp_path / "together" / book.stem)
        assert made and made == _docx(tmp_path / f"alone-{book.stem}" / book.stem), book
    renamed = [_says(tmp_path / "together" / b.stem, "Lê Thị Thu Hằng") for b in (first, second)]
    assert renamed[0] == [] and renamed[1], renamed  # each workbook's own values


def test_a_template_mistake_s_hint_follows_each_workbook_s_values(tmp_path: Path) -> None:
    """The template's check is kept from one workbook to the next; what a hint says of the
    values ("a part of {{ ky.ho_ten }}") is said from the values of the workbook at hand."""
    doc = Document(str(TEMPLATES_DIR / "to-trinh.docx"))
    doc.paragraphs[11].runs[0].text = "{{ ho_ten }}"
    doc.save(str(tmp_path / "to-trinh.docx"))
    keys, name = template_keys(), "to-trinh.docx"
    renderer = Renderer(TemplateSet.build(tmp_path))
    signer = given_shapes([{"ky": {"ho_ten": "Nguyễn Văn An", "chuc_vu": "Chủ tịch"}}])
    said = [
        [str(p) for p in renderer.tag_problems(name, keys[name], keys, shapes)]
        for shapes in (signer, {}, signer)
    ]
    place = "dùng biến không có ở đoạn 12 (“{{ ho_ten }}”): ho_ten"
    part = f"{place} (là một phần của giá trị khác: {{{{ ky.ho_ten }}}}; xem danh sách biến: "
    assert said[0] == said[2] == [part + "hoso templates)"]
    assert said[1] == [f"{place} (có phải dot_ten? xem danh sách biến: hoso templates)"]
