"""The built-in templates of a review period's own documents (`make templates`)."""

from __future__ import annotations

from docx.document import Document

from pipeline.authoring import nd30
from pipeline.authoring.blueprints import BODY, COLLECTIVES, HEADING, INDIVIDUALS, NOTE, SUMMARY
from pipeline.authoring.nd30 import para


def danh_sach_tong_hop() -> Document:
    """The office's consolidated list, unit by unit (context: pipeline.period.documents)."""
    doc = nd30.new_nd30_document("Danh sách tổng hợp đề nghị khen thưởng")
    nd30.header_block(doc, "{{ co_quan_chu_quan }}", "{{ co_quan }}", None, None)
    summary = "{{ doi_tuong|capitalize }} đề nghị tặng {{ hinh_thuc }}"
    nd30.title_block(doc, "DANH SÁCH", [(summary, SUMMARY), ("{{ kem_theo_to_trinh }}", NOTE)])
    para(doc, "{%p for g in nhom %}", BODY)
    para(doc, "{{ g.muc }}", HEADING)
    for items, label, columns in (
        ("tap_the", "Tập thể:", COLLECTIVES),
        ("ca_nhan", "Cá nhân:", INDIVIDUALS),
    ):
        # The label keeps a paragraph between the two tables, so Word never joins them.
        para(doc, f"{{%p if g.{items} %}}", BODY)
        para(doc, label, BODY)
        nd30.data_table(doc, columns, f"for r in g.{items}")
        para(doc, "{%p endif %}", BODY)
    para(doc, "{%p endfor %}", BODY)
    para(doc, "", "Normal")  # Word wants a paragraph after a table that ends the document
    return doc
