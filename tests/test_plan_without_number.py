"""A plan whose seed leaves its number blank (Bù Gia Mập's: "Số: /KH-UBND") is cited without
one: every document that names it reads whole, with no hole where a number would be."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document

from pipeline.inputs.plans import get_plan
from tests.conftest import BGM
from tests.doctext import _P, paragraph_text

CITED = "Kế hoạch năm 2023 của Ủy ban nhân dân huyện Bù Gia Mập về phát động phong trào thi đua"
# What a number left out would leave behind: "Kế hoạch số /KH-…", "Kế hoạch số  ngày", "số …".
HOLE = re.compile(r"Kế hoạch\s+số\s*[/…,.]|Kế hoạch\s+số\s+(?:ngày|năm|của)")


def plan_paragraphs(folder: Path) -> dict[str, list[str]]:
    """Each built document's paragraphs (as stored, spaces untouched) that cite the plan."""
    found: dict[str, list[str]] = {}
    for docx in sorted(folder.rglob("*.docx")):
        # Non-breaking spaces keep words together on a line: read as spaces, none dropped.
        body = Document(str(docx)).element.body
        texts = [paragraph_text(p).replace("\u00a0", " ") for p in body.iter(_P)]
        cited = [t for t in texts if "Bù Gia Mập về phát động" in t]
        if cited:
            found[str(docx.relative_to(folder))] = cited
    return found


def test_the_bu_gia_map_seed_has_no_plan_number() -> None:
    # The seed prints "Số: /KH-UBND" and "ngày tháng năm 2023": nothing to put in the data.
    document = get_plan(BGM).document
    assert document.number is None and document.date is None and document.year == 2023


def test_documents_cite_a_plan_without_a_number_without_a_hole(period, run_cli) -> None:
    folder = period(BGM)
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example's broken unit fails
    cited = plan_paragraphs(folder / "ket-qua")
    # Each unit's Tờ trình and Biên bản, and the office's (tong-hop/…), cite the plan.
    names = sorted(n for n in cited if n.endswith(("01-to-trinh.docx", "03-bien-ban.docx")))
    assert len(names) == 2 * 4, sorted(cited)  # 3 units with a dossier, and the office
    assert any(n.startswith("tong-hop/") for n in names), names
    for name, texts in cited.items():
        for text in texts:
            assert CITED in text, (name, text)
            assert not HOLE.search(text), (name, text)
            assert "  " not in text, (name, text)
            assert " ;" not in text and " ," not in text and " ." not in text, (name, text)
