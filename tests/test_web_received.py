"""The office records on the period page the day a unit's dossier reached it: the period's
lateness is counted from that day (dot-xet.toml's `received`), not from the file's date."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from pipeline.period.config import load_period
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests.webtools import UNIT_A, make_people, office_login, unit_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/vi-du/"
RECORD = "/dot-xet/vi-du/ngay-nhan/"
LATE = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"  # received 28/11/2023
NOT_SENT = "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện Bù Gia Mập"


def _period(data_dir: Path) -> Path:
    """The example period (deadline 25/11/2023): its dot-xet.toml."""
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    return load_period(data_dir / period.folder).config_path


def test_the_office_records_the_day_a_dossier_came_and_the_unit_is_no_longer_late(
    data_dir: Path,
) -> None:
    config = _period(data_dir)
    office = office_login()
    before = office.get(PAGE).content.decode()
    assert "trễ hạn" in unit_row(before, LATE) and "28/11/2023" in unit_row(before, LATE)
    # Each expected unit offers the form, today's date already in it for a unit not recorded.
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert "– Ghi nhận đã nhận Ngày nhận hồ sơ: (để trống: ngày của tệp)" in unit_row(
        before, NOT_SENT
    )
    assert f'value="{today}"' in before.split(f"<td>{NOT_SENT}</td>", 1)[1].split("</tr>")[0]
    done = office.post(RECORD, {"don_vi": LATE, "ngay": "24/11/2023"}, follow=True)
    page = done.content.decode()
    assert f"Đã ghi ngày nhận hồ sơ của {LATE}: 24/11/2023." in page
    row = unit_row(page, LATE)
    assert "trễ hạn" not in row and "trễ 3 ngày" not in row, row
    assert row.split(" Excel ", 1)[1].startswith("24/11/2023 Sửa ngày nhận"), row
    # What `hoso period check` reads: the unit's received key, the version before it kept.
    assert "received = 2023-11-24" in config.read_text(encoding="utf-8")
    kept = list((config.parent / "dot-xet-cu").glob("dot-xet-*.toml"))
    assert len(kept) == 1 and "received = 2023-11-28" in kept[0].read_text(encoding="utf-8")
    entry = AuditEntry.objects.get(action="ghi-ngay-nhan")
    assert entry.username == "office" and entry.detail == f"{LATE}: 24/11/2023"
    log = office.get("/nhat-ky/?dot=vi-du").content.decode()
    assert "Ghi ngày nhận hồ sơ của đơn vị" in log
    # A unit that has sent nothing yet: its paper dossier came today (errors, warnings,
    # collectives, individuals not known; no unit proposes an award it decides itself).
    office.post(RECORD, {"don_vi": NOT_SENT, "ngay": today})
    assert unit_row(office.get(PAGE).content.decode(), NOT_SENT).startswith(
        f"chưa nộp – – – – {today} Sửa ngày nhận"
    )


def test_a_day_to_come_a_wrong_date_or_an_unknown_unit_is_refused(data_dir: Path) -> None:
    config = _period(data_dir)
    text = config.read_text(encoding="utf-8")
    office = office_login()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    said = office.post(RECORD, {"don_vi": LATE, "ngay": tomorrow}, follow=True).content.decode()
    assert f"ngày {tomorrow} chưa tới; hãy kiểm tra ngày, tháng, năm." in html.unescape(said)
    said = office.post(RECORD, {"don_vi": LATE, "ngay": "31/02/2023"}, follow=True)
    assert "hãy ghi ngày/tháng/năm." in said.content.decode()
    said = office.post(RECORD, {"don_vi": "Xã Không Có", "ngay": "24/11/2023"}, follow=True)
    assert "Đơn vị “Xã Không Có” không có trong danh sách đơn vị phải nộp" in html.unescape(
        said.content.decode()
    )
    assert config.read_text(encoding="utf-8") == text
    assert not AuditEntry.objects.filter(action="ghi-ngay-nhan").exists()


def test_only_the_office_records_a_receipt_and_only_with_its_csrf_token(data_dir: Path) -> None:
    config = _period(data_dir)
    text = config.read_text(encoding="utf-8")
    people = make_people()
    sent = {"don_vi": UNIT_A, "ngay": "20/11/2023"}
    # A clerk guessing the address, a stranger, the administrator: nothing revealed or written.
    for client in (people.clerk_a, people.clerk_b, people.admin):
        assert client.post(RECORD, sent).status_code == 404
    assert people.clerk_a.get(PAGE).status_code == 404
    assert "ngay-nhan" not in people.clerk_a.get("/de-nghi/").content.decode()
    # The office's own form without its CSRF token (a forged form on another site) is refused;
    # the page's form, with it, is taken.
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(get_user_model().objects.get(username="office"))
    assert guarded.post(RECORD, sent).status_code == 403
    assert config.read_text(encoding="utf-8") == text
    page = guarded.get(PAGE).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    assert guarded.post(RECORD, {**sent, "csrfmiddlewaretoken": token[1]}).status_code == 302
    assert "received = 2023-11-20" in config.read_text(encoding="utf-8")
    assert people.office.get(RECORD).status_code == 405  # the action, opened as a page
    assert AuditEntry.objects.filter(action="ghi-ngay-nhan").count() == 1


def test_a_unit_without_a_recorded_day_is_dated_by_its_file_until_the_office_records_one(
    data_dir: Path,
) -> None:
    config = _period(data_dir)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("received = 2023-11-28\n", ""), encoding="utf-8")
    office = office_login()
    # Its file was written today, long after the deadline: late by the file's date.
    today = timezone.localdate().strftime("%d/%m/%Y")
    row = unit_row(office.get(PAGE).content.decode(), LATE)
    assert f"Excel {today} (ngày của tệp) Ghi nhận đã nhận" in row and "trễ hạn" in row, row
    office.post(RECORD, {"don_vi": LATE, "ngay": "2023-11-25"})  # the browser's ISO form too
    row = unit_row(office.get(PAGE).content.decode(), LATE)
    assert "Excel 25/11/2023 Sửa ngày nhận" in row and "trễ hạn" not in row, row
