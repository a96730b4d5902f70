"""The office creates a period in the browser's form: the folder, its records, errors at fields."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from django.test import Client

from pipeline.period.config import load_period
from pipeline.web.models import AuditEntry, Period, Unit
from tests.webtools import PASSWORD, login, make_people, statuses

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

BGM = "bu-gia-map-cds-2022-2025"
VI_DU = "vi-du-xa-bu-gia-map-2026"
UNITS = ["Ủy ban nhân dân xã Phú Nghĩa", "Ủy ban nhân dân xã Đa Kia", "Trạm Y tế xã Bù Gia Mập"]


def _answers(**changes: object) -> dict[str, object]:
    """A filled form: the commune decides its Giấy khen, decision number and date known."""
    answers: dict[str, object] = {
        "plan": VI_DU,
        "review": "hang-nam-2026",
        "office_name": "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bù Gia Mập",
        "parent_body": "Ủy ban nhân dân xã Bù Gia Mập",
        "code": "VP",
        "place": "Bù Gia Mập",
        "authority": "",
        "signer_title": "Chánh Văn phòng",
        "signer_name": "Lê Thị Hồng",
        "units": "\n".join(UNITS) + "\n\n",
        "deadline": "25/11/2026",  # as typed; the decision date below as ISO (both are read)
        "decides": ["giay-khen-xa"],
        "decision_body": "Ủy ban nhân dân xã Bù Gia Mập",
        "decision_signer_title": "Chủ tịch",
        "decision_signer_name": "Trần Quốc Bảo",
        "decision_number": "86/QĐ-UBND",
        "decision_date": "2026-12-10",
    }
    answers.update(changes)
    return answers


def _field_errors(page: str) -> dict[str, str]:
    """Each field's error as shown beside it."""
    found = re.findall(r'<span class="field-error" role="alert" id="id_(\w+)_error">([^<]+)', page)
    return {field: html.unescape(text) for field, text in found}


def test_the_office_creates_a_period_and_sees_every_unit_not_sent(data_dir: Path, run_cli) -> None:
    people = make_people()
    form = people.office.get("/dot-xet/moi/").content.decode()
    assert "Tạo đợt xét mới" in form and f'<option value="{VI_DU}"' in form
    created = people.office.post("/dot-xet/moi/", _answers())
    assert created.status_code == 302, _field_errors(created.content.decode())
    period = Period.objects.get()
    assert created["Location"] == f"/dot-xet/{period.slug}/"
    page = people.office.get(created["Location"]).content.decode()
    assert "Đã tạo đợt xét “Năm 2026: Văn phòng Hội đồng nhân dân" in page
    assert statuses(page) == dict.fromkeys(UNITS, "chưa nộp")
    # The folder is what `hoso period init` writes, with the office's answers in it.
    folder = load_period(data_dir / period.folder)
    config = folder.config
    assert (folder.plan.id, folder.review.id) == (VI_DU, "hang-nam-2026")
    assert (config.office.name, config.office.signer_title, config.office.signer_name) == (
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã Bù Gia Mập",
        "Chánh Văn phòng",
        "Lê Thị Hồng",
    )
    assert [u.name for u in config.units] == UNITS
    assert config.deadline == dt.date(2026, 11, 25)
    assert config.decides == ("giay-khen-xa",)
    assert (config.decision.number, config.decision.date) == ("86/QĐ-UBND", dt.date(2026, 12, 10))
    decision = config.decision.filled(config.office)
    assert (decision.body, decision.signer_title, decision.signer_name, decision.place) == (
        "Ủy ban nhân dân xã Bù Gia Mập",
        "Chủ tịch",
        "Trần Quốc Bảo",
        "Bù Gia Mập",
    )
    assert folder.units_dir.is_dir()
    assert "# Hạn nộp hồ sơ của các đơn vị" in folder.config_path.read_text(encoding="utf-8")
    checked = run_cli("period", "check", data_dir / period.folder)
    assert "chưa nộp 3" in checked.out, checked.out
    assert set(UNITS) <= set(Unit.objects.values_list("name", flat=True))
    entry = AuditEntry.objects.get(action="tao-dot-xet")
    assert (entry.username, entry.target) == ("office", f"đợt {period.slug}")
    # A second period of the same office and review, named apart, gets its own folder.
    again = people.office.post("/dot-xet/moi/", _answers(title="Năm 2026 (bổ sung)"))
    assert again["Location"] == f"/dot-xet/{period.slug}-2/"


def test_problems_are_shown_beside_their_fields_and_nothing_is_made(data_dir: Path) -> None:
    people = make_people()
    units = f"{UNITS[0]}\n  Ủy  ban nhân dân xã PHÚ NGHĨA \n"
    page = people.office.post(
        "/dot-xet/moi/",
        _answers(
            office_name="  ",
            units=units,
            deadline="31/02/2026",
            decides=[],
            decision_signer_name="",
        ),
    ).content.decode()
    assert "Chưa tạo được đợt xét: hãy sửa các ô được đánh dấu." in page
    errors = _field_errors(page)
    assert errors["office_name"] == "Trường này là bắt buộc."
    assert errors["units"] == "Đơn vị “Ủy ban nhân dân xã PHÚ NGHĨA” được ghi hai lần."
    assert errors["deadline"] == "Ngày không đúng: ghi ngày/tháng/năm có thật, ví dụ 25/11/2026."
    assert errors["decides"].startswith("Có số hoặc ngày quyết định thì hãy chọn hình thức")
    assert errors["decision_signer_name"].startswith("Ghi cả chức vụ và họ tên người ký quyết định")
    for field in ("office_name", "units", "deadline", "decision_signer_name"):
        # A screen reader reads the message with its field: the field points at the message.
        assert f'aria-describedby="id_{field}_error"' in page, field
    # What the office typed is kept.
    assert "Lê Thị Hồng" in page and "86/QĐ-UBND" in page
    assert not Period.objects.exists() and not (data_dir / "dot-xet").exists()


def test_the_period_file_is_validated_as_hoso_period_check_does(data_dir: Path) -> None:
    people = make_people()
    # A review of another plan (the form sent without its script): dot-xet.toml's own check.
    page = people.office.post(
        "/dot-xet/moi/", _answers(plan=BGM, decides=["giay-khen-huyen"])
    ).content.decode()
    errors = _field_errors(page)
    # Said with the plan's and its reviews' names, as the form lists them, not their ids.
    assert errors["review"] == (
        "kế hoạch năm 2023 của UBND huyện Bù Gia Mập không có đợt “hang-nam-2026” (các đợt của "
        "kế hoạch: “Sơ kết năm 2023”; “Tổng kết giai đoạn 2022 - 2025”)"
    )
    # An award of another plan.
    page = people.office.post(
        "/dot-xet/moi/", _answers(decides=["giay-khen-huyen"])
    ).content.decode()
    assert _field_errors(page)["decides"].startswith(
        "kế hoạch không có hình thức “giay-khen-huyen” (các hình thức của kế hoạch: “Giấy khen "
    )
    assert not Period.objects.exists()
    assert not [p for p in (data_dir / "dot-xet").iterdir()]  # no half-made folder


def test_the_review_list_follows_the_plan() -> None:
    people = make_people()
    part = people.office.get("/dot-xet/moi/ke-hoach/", {"plan": VI_DU}).content.decode()
    assert '<option value="hang-nam-2026"' in part and "Năm 2026" in part
    assert 'value="giay-khen-xa"' in part and "so-ket-2023" not in part
    other = people.office.get("/dot-xet/moi/ke-hoach/", {"plan": BGM}).content.decode()
    assert '<option value="so-ket-2023"' in other and "hang-nam-2026" not in other


def test_only_the_office_and_the_admin_create_periods(data_dir: Path) -> None:
    people = make_people()
    assert people.clerk_a.get("/dot-xet/moi/").status_code == 404
    assert people.clerk_a.post("/dot-xet/moi/", _answers()).status_code == 404
    assert people.clerk_a.get("/dot-xet/moi/ke-hoach/", {"plan": VI_DU}).status_code == 404
    anonymous = Client().post("/dot-xet/moi/", _answers())
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/dang-nhap/")
    assert not Period.objects.exists()
    # The office's form without the CSRF token is refused.
    client = Client(enforce_csrf_checks=True)
    token = client.get("/dang-nhap/").cookies["csrftoken"].value
    logged = client.post(
        "/dang-nhap/", {"username": "office", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )
    assert logged.status_code == 302
    assert client.post("/dot-xet/moi/", _answers()).status_code == 403
    assert not Period.objects.exists()
    # The admin may create one (and lands on the start page, the audit log).
    made = people.admin.post("/dot-xet/moi/", _answers(), follow=True).content.decode()
    assert "Đã tạo đợt xét" in made and "tao-dot-xet" in made
    assert Period.objects.count() == 1
    assert login("office").get("/dot-xet/").content.decode().count("Năm 2026: Văn phòng") == 1
