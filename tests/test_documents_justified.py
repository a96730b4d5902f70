"""Justified lines before a place's name: "xã Bù Gia Mập" stays whole when its line can take
it; when keeping it whole would stretch the line above beyond HARD_STRETCH (and beyond what
Word, breaking at every space, would print), the place's own name parts ("thành phố Đồng /
Xoài") rather than print a line of gaps. A person's name never parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.render.justified import HARD_STRETCH, Room, ease, stretches
from pipeline.render.metrics import text_width
from pipeline.vietnamese.typography import NBSP, keep_phrases
from tests.test_line_breaks import printed_lines
from tools.justified_gaps import justified_lines

SIZE = 14
# An A4 page's text width between NĐ 30's margins (30 and 15 mm), a 1,27 cm first-line indent.
WIDTH = (210 - 30 - 15) / 25.4 * 72
ROOM = Room(WIDTH - 1.27 / 2.54 * 72, WIDTH)
ADDRESS = (
    "- Địa chỉ trụ sở: Đường Trần Hưng Đạo, phường Tân Phú, thành phố Đồng Xoài, tỉnh Bình Phước."
)


def _eased(text: str) -> tuple[str, list[float]]:
    kept = keep_phrases(text)
    widths = tuple(text_width(c, SIZE) for c in kept)
    eased = ease(kept, widths, ROOM)
    return eased, stretches(eased, widths, ROOM)


def test_a_place_name_parts_rather_than_stretch_the_line_before_it() -> None:
    eased, stretched = _eased(ADDRESS)
    assert max(stretched) <= HARD_STRETCH, stretched
    # Kept whole, "Đồng Xoài" left "… phường Tân Phú, thành phố" 2.9 times wide as printed.
    assert f"Đồng Xoài,{NBSP}tỉnh" not in eased and "Đồng Xoài" in eased, eased.replace(NBSP, "_")


def test_a_place_name_the_line_can_take_stays_whole() -> None:
    text = "Kính trình Chủ tịch Ủy ban nhân dân xã Bù Gia Mập xem xét, quyết định./."
    eased, stretched = _eased(text)
    assert f"Bù{NBSP}Gia{NBSP}Mập" in eased, eased.replace(NBSP, "_")
    assert max(stretched, default=0.0) <= HARD_STRETCH


def test_a_persons_name_never_parts_even_where_its_line_stretches() -> None:
    text = (
        "Thành phần: 05/06 thành viên Hội đồng có mặt; vắng 01 đồng chí (Nguyễn Hồng Oanh: đi "
        "công tác, có ý kiến bằng văn bản), gồm các đồng chí:"
    )
    eased, _ = _eased(text)
    assert f"Nguyễn{NBSP}Hồng{NBSP}Oanh" in eased, eased.replace(NBSP, "_")


@pytest.mark.libreoffice
def test_the_library_report_prints_its_address_without_a_line_of_gaps(
    example, run_cli, tmp_path: Path
) -> None:
    path = example("so-vhttdl-binh-phuoc-cds-2022-2025")
    result = run_cli("build", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    pdf = tmp_path / "out" / "hoso" / "van-ban" / "bao-cao" / "02-thu-vien-tinh-binh-phuoc.pdf"
    lines = justified_lines(pdf)
    # As LibreOffice prints: a gap 2.5 normal spaces wide at most (2.9 before "Đồng Xoài").
    assert lines and max(line.widest for line in lines) <= 2.5, [
        (round(line.widest, 2), line.text) for line in lines
    ]
    printed = printed_lines(pdf)
    assert any(line.endswith("phường Tân Phú, thành phố Đồng") for line in printed), printed
    assert "Xoài, tỉnh Bình Phước." in printed, printed
