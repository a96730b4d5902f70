"""A problem of the edit form that no field holds is said in the office's words, no path or key."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.errors import PlanError
from pipeline.period.config import load_period
from tests.test_web_period_edit import PAGE, _form
from tests.webtools import as_read

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def test_a_problem_without_a_field_names_no_server_path_or_key(office, monkeypatch) -> None:
    client, folder = office

    def refuse(*args, **kwargs):
        raise PlanError(f"{folder}/dot-xet.toml › [[units]] có hai đơn vị cùng tên")

    monkeypatch.setattr("pipeline.web.period_edit.save_config", refuse)
    page = client.post(PAGE, _form(client) | {"decision_number": "1/QĐ-UBND"}).content.decode()
    assert "danh sách đơn vị của đợt xét có hai đơn vị cùng tên" in page
    assert "dot-xet.toml" not in page.split("<form", 1)[1] and str(folder) not in page


def test_a_period_that_decides_nothing_says_its_decision_boxes_need_nothing(office) -> None:
    client, folder = office
    note = "Đợt xét này không có hình thức do chính cơ quan quyết định"
    assert note not in client.get(PAGE).content.decode()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    lines = [
        ("decides = []" if line.startswith("decides =") else line) for line in text.split("\n")
    ]
    config.write_text("\n".join(lines), encoding="utf-8")
    assert note in client.get(PAGE).content.decode()


def test_the_register_number_says_what_it_is_and_how_the_next_ones_count(office) -> None:
    client, _ = office
    page = client.get(PAGE).content.decode()
    field = page.split('for="id_register_start"')[1].split('<div class="field')[0]
    said = as_read("<" + field)
    assert "Số sổ vàng bắt đầu (người đầu tiên của quyết định)" in said
    assert "Số thứ tự trong sổ vàng (sổ theo dõi khen thưởng) của cơ quan" in said
    assert "những người sau được đánh số tiếp theo: số này +1, +2…" in said
    assert 'aria-describedby="id_register_start_help"' in field
    assert 'id="id_register_start_help"' in field


def _decides(folder, awards: str) -> None:
    """The period's dot-xet.toml made to decide these awards."""
    config = folder / "dot-xet.toml"
    lines = config.read_text(encoding="utf-8").split("\n")
    lines = [(f"decides = {awards}" if x.startswith("decides =") else x) for x in lines]
    config.write_text("\n".join(lines), encoding="utf-8")


def test_the_consolidated_to_trinh_boxes_say_when_they_are_used_or_are_not_shown(office) -> None:
    client, folder = office
    # This commune decides its Giấy khen and proposes the province's Bằng khen upward.
    said = as_read(client.get(PAGE).content.decode())
    assert (
        "Tờ trình tổng hợp chỉ dùng khi cơ quan đề nghị cấp trên khen (Bằng khen); hình thức "
        "cơ quan tự quyết định không có Tờ trình tổng hợp."
    ) in said
    assert "Ngày Tờ trình tổng hợp" in said and "Số Tờ trình của cơ quan" in said
    # Deciding every award it examines, no Tờ trình tổng hợp goes up: its boxes are not shown.
    _decides(folder, '["giay-khen-xa", "bang-khen-tinh"]')
    (folder / "dot-xet.toml").write_text(
        (folder / "dot-xet.toml")
        .read_text(encoding="utf-8")
        .replace("[office]", "[office]\ndate = 2026-11-20", 1),
        encoding="utf-8",
    )
    page = client.get(PAGE).content.decode()
    said = as_read(page)
    assert "Tờ trình tổng hợp" not in said and 'name="office_date"' not in page
    assert "<legend>Hạn nộp</legend>" in page
    # Saving the form keeps the date the office had written: a box not shown changes nothing.
    saved = client.post(PAGE, _form(client) | {"register_start": "7"}, follow=True)
    assert "Đã lưu thay đổi của đợt xét" in saved.content.decode()
    period = load_period(folder)
    assert period.config.decision.register_start == 7
    assert period.config.office.date == dt.date(2026, 11, 20)
    # A period that decides nothing: the boxes are shown, with no note (every award goes up).
    _decides(folder, "[]")
    said = as_read(client.get(PAGE).content.decode())
    assert "Ngày Tờ trình tổng hợp" in said and "chỉ dùng khi cơ quan đề nghị" not in said
