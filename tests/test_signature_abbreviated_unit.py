"""A unit's name typed with its acronym ("UBND xã …", "HĐND huyện …"): the Tờ trình's "TM." line
names the body in full, as NĐ 30 writes it ("TM. ỦY BAN NHÂN DÂN"), never "TM. UBND"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import edit
from tests.doctext import lines
from tests.test_clerk_habits import docs, put_form

INFO = "Thông tin chung"


@pytest.mark.parametrize(
    ("unit", "body"),
    [
        ("UBND huyện Bù Gia Mập", "ỦY BAN NHÂN DÂN"),
        ("HĐND huyện Bù Gia Mập", "HỘI ĐỒNG NHÂN DÂN"),
    ],
)
def test_the_body_line_of_an_abbreviated_unit_is_written_in_full(
    example, run_cli, tmp_path: Path, unit: str, body: str
) -> None:
    path = example()
    with edit(path) as wb:
        put_form(wb, INFO, "Cơ quan trình khen", unit)
        put_form(wb, INFO, "Quyền hạn ký", "TM.")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert f"| TM. {body} ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶" in last, last
    assert "TM. UBND" not in last and "TM. HĐND" not in last, last
