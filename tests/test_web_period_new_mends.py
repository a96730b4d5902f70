"""The new-period form: no two periods of one title; the plans shown as a person reads them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.web.models import Period
from tests.test_web_period_new import VI_DU, _answers, _field_errors
from tests.webtools import make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

TITLE = "Năm 2026: Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bù Gia Mập"


def test_a_second_period_of_the_same_title_is_refused_at_the_title(data_dir: Path) -> None:
    office = make_people().office
    assert office.post("/dot-xet/moi/", _answers()).status_code == 302
    assert list(Period.objects.values_list("title", flat=True)) == [TITLE]
    folders = sorted(p.name for p in (data_dir / "dot-xet").iterdir())
    again = office.post("/dot-xet/moi/", _answers())
    assert again.status_code == 200
    said = _field_errors(again.content.decode())["title"]
    assert said.startswith(f"Đã có đợt xét tên “{TITLE}”") and "Hãy ghi một tên khác" in said
    # The same name typed in capitals, or with two spaces, is the same name to a reader.
    typed = office.post("/dot-xet/moi/", _answers(title=TITLE.upper().replace(" ", "  ", 1)))
    assert _field_errors(typed.content.decode())["title"].startswith("Đã có đợt xét tên")
    assert Period.objects.count() == 1
    assert sorted(p.name for p in (data_dir / "dot-xet").iterdir()) == folders
    # Another name is taken as the period's title.
    other = f"{TITLE} (bổ sung)"
    assert office.post("/dot-xet/moi/", _answers(title=f"  {other} ")).status_code == 302
    assert set(Period.objects.values_list("title", flat=True)) == {TITLE, other}
    listed = html.unescape(office.get("/dot-xet/").content.decode())
    assert TITLE in listed and other in listed


def test_the_plans_are_listed_by_their_titles_under_their_issuing_bodies() -> None:
    from pipeline.inputs.plans import all_plans

    office = make_people().office
    page = html.unescape(office.get("/dot-xet/moi/").content.decode())
    select = page.split('<select id="id_plan"', 1)[1].split("</select>", 1)[0]
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select)
    bodies = [body for body, _ in groups]
    assert "Ủy ban nhân dân huyện Bù Gia Mập (Bình Phước)" in bodies
    assert "Ủy ban nhân dân tỉnh Bắc Kạn" in bodies  # its province is in its name already
    shown = {
        value: text
        for _, options in groups
        for value, text in re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', options)
    }
    plans = all_plans()
    assert set(shown) == {p.id for p in plans}
    for plan in plans:
        # What a person reads: the plan's title, its number when known, its year; never its id.
        text = shown[plan.id]
        assert text.startswith(plan.document.title) and f"năm {plan.document.year})" in text
        assert not any(p.id in text for p in plans)
    assert "(số 635/KH-UBND, năm 2022)" in shown["bac-kan-cds-2022-2025"]
    # With no period yet the form starts on the first plan listed; then on the newest period's.
    first = re.search(r'<option value="([^"]+)" selected', select)
    assert first and first[1] == re.search(r'<option value="([^"]+)"', select)[1]  # type: ignore[index]
    assert office.post("/dot-xet/moi/", _answers()).status_code == 302
    again = office.get("/dot-xet/moi/").content.decode()
    assert re.search(rf'<option value="{VI_DU}" selected', again)
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân xã Bù Gia Mập" in html.unescape(again)
