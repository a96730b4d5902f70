"""The first register number is asked for on the edit form only when the office decides an award."""

from __future__ import annotations

import pytest

from pipeline.period.config import load_period
from tests.test_web_period_edit import PAGE, _form
from tests.webtools import as_read

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _rewrite(folder, old: str, new: str) -> None:
    """The line of the period's dot-xet.toml starting with `old` replaced by `new`."""
    config = folder / "dot-xet.toml"
    lines = config.read_text(encoding="utf-8").split("\n")
    config.write_text("\n".join(new if x.startswith(old) else x for x in lines), encoding="utf-8")


def test_a_period_deciding_nothing_saves_without_a_register_number_and_keeps_its_own(
    office,
) -> None:
    client, folder = office
    _rewrite(folder, "register_start =", "register_start = 12")
    _rewrite(folder, "decides =", "decides = []")  # every award goes up: no register
    page = client.get(PAGE).content.decode()
    assert 'name="register_start"' not in page
    assert "Số sổ vàng" not in as_read(page)
    typed = _form(client) | {"decision_number": "7/QĐ-UBND"}
    assert "register_start" not in typed
    saved = client.post(PAGE, typed, follow=True).content.decode()
    assert "Đã lưu thay đổi của đợt xét" in saved
    decision = load_period(folder).config.decision
    assert (decision.number, decision.register_start) == ("7/QĐ-UBND", 12)


def test_a_deciding_period_still_asks_for_its_register_number(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    page = client.get(PAGE).content.decode()
    assert 'name="register_start"' in page
    typed = _form(client) | {"register_start": ""}
    page = client.post(PAGE, typed).content.decode()
    field = page.split('for="id_register_start"')[1].split('<div class="field')[0]
    assert "Chưa lưu: hãy sửa các ô được đánh dấu." in as_read(page)
    assert "Trường này là bắt buộc." in as_read("<" + field)
    assert (folder / "dot-xet.toml").read_bytes() == before
