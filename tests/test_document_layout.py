"""What the built documents show: place names, dates, header lines, fonts and page layout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.text.paragraph import Paragraph

from pipeline.check.reports import place_in


@pytest.mark.parametrize(
    ("name", "place"),
    [
        ("Hợp tác xã Nông nghiệp Thanh Bình", None),
        ("Liên hiệp hợp tác xã Thanh Bình", None),
        ("Hợp tác xã Dịch vụ nông nghiệp xã Bản Lầu", "Bản Lầu"),
        ("Ủy ban nhân dân xã Bản Lầu", "Bản Lầu"),
        ("Trường Tiểu học thị trấn Mường Khương", "Mường Khương"),
        ("Đoàn xã Nông nghiệp", None),
    ],
)
def test_place_in_a_unit_name(name: str, place: str | None) -> None:
    """A report is dated at the place its unit's name ends with, never at "Nông" of a
    "Hợp tác xã Nông nghiệp …": a cooperative's "xã" is no level, "Nông nghiệp" no place."""
    assert place_in(name) == place


# -- built documents ------------------------------------------------------------------------------

VI_DU_2026 = "vi-du-xa-bu-gia-map-2026"
PERIOD_PLANS = ("bu-gia-map-cds-2022-2025", VI_DU_2026)


def _hoso(*args: object) -> subprocess.CompletedProcess[str]:
    """Run the real command, as a clerk does."""
    command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def periods(period_cache, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example periods built in full (documents, PDFs, statistics, certificates)."""
    root = tmp_path_factory.mktemp("layout-periods")
    out = {}
    for plan in PERIOD_PLANS:
        folder = root / plan
        shutil.copytree(period_cache(plan), folder)
        result = _hoso("period", "build", "-q", folder)
        assert result.returncode in (0, 1), result.stdout + result.stderr  # 1: the broken unit
        out[plan] = folder / "ket-qua"
    return out


def _italic(paragraph: Paragraph) -> bool:
    """Whether a paragraph prints in italics: its runs' own setting, else its style's chain."""
    style = paragraph.style
    while style is not None and style.font.italic is None:
        style = style.base_style
    own = {r.italic for r in paragraph.runs if r.text.strip()}
    return own == {True} or (own <= {None} and style is not None and bool(style.font.italic))


def test_decision_bases_are_italic(periods: dict[str, Path]) -> None:
    """A Quyết định's Căn cứ lines and its "Xét đề nghị …" are italic (NĐ 30, decisions)."""
    decision = periods[VI_DU_2026] / "tong-hop" / "giay-khen-xa" / "van-ban" / "01-quyet-dinh.docx"
    paragraphs = Document(str(decision)).paragraphs
    bases = [p for p in paragraphs if p.text.startswith(("Căn cứ", "Xét đề nghị"))]
    assert len(bases) >= 4 and bases[-1].text.startswith("Xét đề nghị")
    assert [p.text[:30] for p in bases if not _italic(p)] == []
    articles = [p for p in paragraphs if p.text.startswith("Điều")]
    assert articles and not any(_italic(p) for p in articles)
