"""A problem of the edit form that no field holds is said in the office's words, no path or key."""

from __future__ import annotations

import pytest

from pipeline.errors import PlanError
from tests.test_web_period_edit import PAGE, _form

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
