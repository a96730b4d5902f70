"""The built-in templates of a review period's own documents (`make templates`)."""

from __future__ import annotations

from collections.abc import Sequence
from copy import deepcopy

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Twips
from docx.table import Table

from pipeline.authoring import nd30
from pipeline.authoring.blueprints import (
    BODY,
    CENTER_CELL,
    COLLECTIVES,
    CONTEXT_SIGNER,
    HEADING,
    INDIVIDUALS,
    NOTE,
    SUMMARY,
    TABLE_ROWS,
    add,
    bien_ban,
    listed_tables,
    loop,
)
from pipeline.authoring.nd30 import Column, para
from pipeline.render.filters import CONTINUED

AUTHORITY = "ND30DocType"
ITALIC = "ND30BodyItalic"  # the issuing authority and "QUYẾT ĐỊNH:", bold and centred


def danh_sach_tong_hop() -> Document:
    """The office's consolidated list, unit by unit (context: pipeline.period.documents)."""
    doc = nd30.new_nd30_document("Danh sách tổng hợp đề nghị khen thưởng")
    nd30.header_block(doc, "{{ co_quan_chu_quan }}", "{{ co_quan }}", None, None)
    summary = "{{ doi_tuong|capitalize }} đề nghị tặng {{ hinh_thuc }}"
    nd30.title_block(doc, "DANH SÁCH", [(summary, SUMMARY), ("{{ kem_theo_to_trinh }}", NOTE)])
    para(doc, "{%p for g in nhom %}", BODY)
    _unit_heading(doc, "")
    for items, label, columns in (
        ("tap_the", "Tập thể", COLLECTIVES),
        ("ca_nhan", "Cá nhân", INDIVIDUALS),
    ):
        para(doc, f"{{%p if g.{items} %}}", BODY)
        _unit_tables(doc, columns, f"g.{items}", label)
        para(doc, "{%p endif %}", BODY)
    para(doc, "{%p endfor %}", BODY)
    para(doc, "", "Normal")  # Word wants a paragraph after a table that ends the document
    return doc


def _unit_heading(doc: Document, suffix: str) -> None:
    """A unit's heading in the consolidated list, kept on the page of what follows it."""
    # One or two lines: justified, its first line would gape.
    para(doc, "{{ g.muc }}" + suffix, HEADING).alignment = WD_ALIGN_PARAGRAPH.LEFT


def _gap(doc: Document) -> None:
    """Space above a unit's table, kept on its page: two tables one under the other stay apart
    (else Word and LibreOffice join them)."""
    form = nd30.hairline(doc).paragraph_format
    form.keep_with_next = True
    form.space_before = Twips(120)


def _unit_tables(doc: Document, columns: Sequence[Column], items: str, label: str) -> None:
    """A unit's collectives or individuals as tables of TABLE_ROWS rows, each headed by a row
    naming them ("Tập thể của Ủy ban nhân dân xã …") above the column headers: both repeat at
    the top of every page the table runs onto (Word and LibreOffice repeat header rows), so
    rows after a page break still say whose they are. A table after the first starts under
    the unit's heading again, "(tiếp theo)" after it."""
    para(doc, f"{{%p for phan in {items}|batch({TABLE_ROWS}) %}}", BODY)
    para(doc, "{%p if not loop.first %}", BODY)
    _unit_heading(doc, CONTINUED)
    para(doc, "{%p endif %}", BODY)
    _gap(doc)
    table = nd30.data_table(doc, columns, "for r in phan")
    _caption_row(table, f"{label} của {{{{ g.don_vi }}}}")
    para(doc, "{%p endfor %}", BODY)


def _caption_row(table: Table, text: str) -> None:
    """A header row above the column headers: `text` in bold, in one cell across the table,
    repeated on every page as they are (a copy of their row, its flags included)."""
    head = table.rows[0]
    head._tr.addprevious(deepcopy(head._tr))
    cells = table.rows[0].cells
    for cell in cells:
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        for run in cell.paragraphs[0].runs:
            run.text = ""
    caption = cells[0].merge(cells[-1])
    for extra in caption.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    paragraph = caption.paragraphs[0]
    paragraph.runs[0].text = text
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT


def bien_ban_tong_hop() -> Document:
    """The Biên bản of the office's council: a unit's, its results table grouped by the unit that
    proposed each nominee, a heading row for each as the consolidated list heads its groups
    (context: pipeline.period.documents.minutes_context)."""
    return bien_ban(group="muc")


# -- Quyết định khen thưởng ----------------------------------------------------------------------

DECISION_NUMBER = "Số: {{ so_quyet_dinh }}"
MONEY_CELL = "ND30TableRight"
AWARDED = (
    Column("STT", 12, "{{ r.stt }}", CENTER_CELL),
    Column("Tên tập thể", 118, "{{ r.ten }}"),
    Column("Tiền thưởng (đồng)", 35, "{{ r.tien_thuong }}", MONEY_CELL),
)
AWARDED_PEOPLE = (
    Column("STT", 12, "{{ r.stt }}", CENTER_CELL),
    Column("Họ và tên", 42, "{{ r.ho_ten|giu_lien }}"),
    Column("Chức vụ, đơn vị công tác", 76, "{{ r.chuc_vu_don_vi }}"),
    Column("Tiền thưởng (đồng)", 35, "{{ r.tien_thuong }}", MONEY_CELL),
)


def quyet_dinh() -> Document:
    """Quyết định khen thưởng (context: pipeline.period.decision)."""
    doc = nd30.new_nd30_document("Quyết định khen thưởng")
    nd30.header_block(
        doc,
        "{{ co_quan_ban_hanh_cap_tren }}",
        "{{ co_quan_ban_hanh }}",
        DECISION_NUMBER,
        "{{ dia_danh_ngay_quyet_dinh }}",
    )
    nd30.title_block(doc, "QUYẾT ĐỊNH", [("{{ trich_yeu }}", SUMMARY)])
    # The authority line and "QUYẾT ĐỊNH:" stand apart from the Căn cứ and Điều lines they open.
    para(doc, "{{ tham_quyen }}", AUTHORITY).paragraph_format.space_after = Twips(120)
    # The Căn cứ lines and the "Xét đề nghị …" closing them are italic in a decision (NĐ 30).
    add(doc, loop("for line in can_cu", [("{{ line }}", ITALIC)], ITALIC))
    para(doc, "QUYẾT ĐỊNH:", AUTHORITY).paragraph_format.space_after = Twips(120)
    para(doc, "{%p for d in dieu %}", BODY)
    article = para(doc, "", BODY)
    article.add_run("{{ d.so }}").bold = True
    article.add_run(" {{ d.noi_dung }}")
    para(doc, "{%p endfor %}", BODY)
    recipients = loop("for line in noi_nhan", [("{{ line }}", "ND30NoiNhan")], "ND30NoiNhan")
    left = [("Nơi nhận:", "ND30NoiNhanLabel"), *recipients]
    nd30.signature_table(doc, left, CONTEXT_SIGNER)
    return doc


def danh_sach_quyet_dinh() -> Document:
    """Danh sách kèm theo Quyết định, with each line's prize money (context: pipeline.period)."""
    doc = nd30.new_nd30_document("Danh sách kèm theo Quyết định khen thưởng")
    nd30.header_block(doc, "{{ co_quan_ban_hanh_cap_tren }}", "{{ co_quan_ban_hanh }}", None, None)
    summary = "Tập thể, cá nhân được tặng {{ hinh_thuc }}"
    nd30.title_block(doc, "DANH SÁCH", [(summary, SUMMARY), ("{{ kem_theo }}", NOTE)])
    listed_tables(doc, AWARDED, AWARDED_PEOPLE)
    para(doc, "{%p if tong_tien %}", BODY)
    total = para(doc, "{{ tong_tien }}", BODY)
    total.paragraph_format.space_before = Twips(120)
    para(doc, "{%p endif %}", BODY)
    return doc
