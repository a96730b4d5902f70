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
