"""Each audience of a period's finding reads its own way to act: at the terminal the command
(`hoso period council …`), on the web page the button; the text is written once."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.web.wording import for_office

VI_DU = "vi-du-xa-bu-gia-map-2026"
WEB_WORDS = ("trang đợt xét", "ứng dụng web", "Tải tệp Hội đồng", "nút “")


def _without_council_or_number(folder: Path) -> None:
    """A period whose council file is not made yet, deciding an award with no number or date."""
    (folder / "hoi-dong.xlsx").unlink()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    for old in ('number = "86/QĐ-UBND"', "date = 2026-12-10"):
        assert old in text
        text = text.replace(old, "")
    config.write_text(text, encoding="utf-8")


def test_the_terminal_is_told_the_command_and_no_button(period, run_cli) -> None:
    folder = period(VI_DU)
    _without_council_or_number(folder)
    out = run_cli("period", "check", folder).out
    assert f"tạo bằng “hoso period council {folder}”, điền rồi kiểm tra lại." in out, out
    assert "khi Quyết định đã ban hành, ghi number, date của [decision] rồi mới in" in out, out
    assert not [w for w in WEB_WORDS if w in out], out
    data = json.loads(run_cli("period", "check", "--json", folder).out)
    said = " ".join(f["text"] + f["message"] for f in data["findings"])
    assert "hoso period council" in said and not [w for w in WEB_WORDS if w in said], said


def test_the_web_page_is_told_the_button_and_no_command(period) -> None:
    folder = period(VI_DU)
    _without_council_or_number(folder)
    texts = [for_office(f.message) for f in check_period(load_period(folder)).findings]
    said = "\n".join(texts)
    assert "tải về bằng liên kết “Tải tệp Hội đồng” ở trang đợt xét, điền rồi tải lên" in said
    assert "ghi “Số quyết định khen thưởng” và “Ngày quyết định” ở trang “Sửa" in said, said
    assert "hoso period" not in said, said


def test_each_step_is_written_once_and_each_audience_reads_its_own() -> None:
    from pipeline.period.steps import COUNCIL_MAKE, COUNCIL_UPDATE, PERIOD_BUILD
    from pipeline.steps import Advice

    said = Advice("", COUNCIL_MAKE, ".", folder="dot-xet")
    assert said == "tạo bằng “hoso period council dot-xet”, điền rồi kiểm tra lại."
    assert for_office(said) == (
        "tải về bằng liên kết “Tải tệp Hội đồng” ở trang đợt xét, điền rồi tải lên ở ô "
        "“Tệp Hội đồng đã điền”."
    )
    assert Advice("(", COUNCIL_UPDATE, ")") == "(“hoso period council”)"
    assert for_office(Advice("(", PERIOD_BUILD, ")")) == (
        "(nút “Tạo văn bản của đợt” trên trang đợt xét)"
    )
