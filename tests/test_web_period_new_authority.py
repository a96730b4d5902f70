"""The new-period form asks who signs the decision for the head (TM., KT., Q.), as the edit form does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.models import Period
from tests.test_web_period_new import _answers
from tests.webtools import make_people

pytestmark = pytest.mark.django_db


def test_the_decision_s_signing_authority_is_asked_and_written(data_dir: Path) -> None:
    people = make_people()
    form = people.office.get("/dot-xet/moi/").content.decode()
    assert "Thẩm quyền ký quyết định" in form
    created = people.office.post("/dot-xet/moi/", _answers() | {"decision_authority": "KT."})
    assert created.status_code == 302
    folder = load_period(data_dir / Period.objects.get().folder)
    assert folder.config.decision.authority == "KT."
