"""`hoso lint` on a Ủy ban nhân dân's document a deputy signs: NĐ 30 (Phụ lục I) wants
"TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH"; an office under the UBND keeps "KT." alone."""

from __future__ import annotations

from pathlib import Path

from docx.document import Document

from pipeline.lint import lint_docx
from tests.docx_factory import build_to_trinh, paragraph, save, set_text


def _committee_signed_by_deputy() -> Document:
    """The factory's Tờ trình, issued by the UBND huyện itself, its Phó Chủ tịch signing."""
    doc = build_to_trinh()
    set_text(paragraph(doc, "UBND HUYỆN BÙ GIA MẬP"), "ỦY BAN NHÂN DÂN")
    set_text(paragraph(doc, "PHÒNG VĂN HÓA VÀ THÔNG TIN"), "HUYỆN BÙ GIA MẬP")
    set_text(paragraph(doc, "KT. TRƯỞNG PHÒNG"), "KT. CHỦ TỊCH")
    set_text(paragraph(doc, "PHÓ TRƯỞNG PHÒNG"), "PHÓ CHỦ TỊCH")
    return doc


def test_a_committees_deputy_signing_kt_alone_is_said_at_the_line(tmp_path: Path) -> None:
    issues = lint_docx(save(_committee_signed_by_deputy(), tmp_path))
    assert [i.rule for i in issues] == ["signer-collective"], issues
    assert "“TM. ỦY BAN NHÂN DÂN”" in issues[0].message
    assert "“KT. CHỦ TỊCH”" in issues[0].message


def test_the_tm_line_above_kt_is_what_nd30_wants(tmp_path: Path) -> None:
    doc = _committee_signed_by_deputy()
    set_text(paragraph(doc, "KT. CHỦ TỊCH"), "TM. ỦY BAN NHÂN DÂN")
    set_text(paragraph(doc, "PHÓ CHỦ TỊCH"), "KT. CHỦ TỊCH")
    assert lint_docx(save(doc, tmp_path)) == []


def test_an_office_under_the_committee_keeps_kt_alone(tmp_path: Path) -> None:
    assert lint_docx(save(build_to_trinh(), tmp_path)) == []  # "KT. TRƯỞNG PHÒNG"
