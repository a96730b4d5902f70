"""Where a proposal stands, as its clerk reads it in the list of proposals and on its page: a
valid version is not a sent one, and a version uploaded after sending is not the one sent."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pipeline.web.models import Proposal
from tests.webtools import UnitClerk, as_read, broken_copy, unit_clerk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _said(html: str, start: str) -> str:
    """The words of the page from `start` to the end of its row or paragraph, tags taken out."""
    part = html.split(start, 1)[1].split("</tr>", 1)[0].split("</p>", 1)[0]
    return as_read(part)


def _listed(who: UnitClerk) -> str:
    """The clerk's proposal as its row in the list of proposals reads."""
    return _said(who.clerk.get("/de-nghi/").content.decode(), f">Đề nghị {who.pk}</a>")


def test_the_clerk_tells_a_valid_version_from_a_sent_one(data_dir: Path, example) -> None:
    who = unit_clerk(data_dir)
    clerk, pk = who.clerk, who.pk
    assert _listed(who).endswith("chưa nộp chưa tải lên tệp nào.")

    own = who.own(example())
    bad, _ = broken_copy(own, data_dir / "sai.xlsx")
    who.upload(bad, "de-nghi.xlsx")
    assert "chưa nộp có lỗi phiên bản 1 còn 1 lỗi" in _listed(who)

    who.upload(own, "de-nghi.xlsx")
    assert "chưa nộp hợp lệ phiên bản 2 không có lỗi nhưng chưa nộp" in _listed(who)
    page = clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert _said(page, 'id="tinh-trang">').startswith("Tình trạng: chưa nộp hợp lệ")
    assert "nút nộp cho đợt xét ở mục 4 của đề nghị" in _said(page, 'id="tinh-trang">')

    # The buttons come before the findings and the sheets drawn, which run long.
    assert page.index('id="tao-ho-so"') < page.index('id="ket-qua"')
    who.send()
    page = clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert _said(page, 'id="da-nop">').startswith("Đã nộp phiên bản 2 lúc")
    assert "Nộp lại phiên bản 2" in page and "Nộp phiên bản 2 cho đợt xét" not in page
    # Said once: the badge, then the words that go on from it.
    assert re.search(
        r"đã nộp phiên bản 2 lúc \d\d:\d\d ngày \d\d/\d\d/\d{4} \(tệp “de-nghi.xlsx”\)\.$",
        _listed(who),
    )
    said = _said(page, 'id="tinh-trang">')
    # (The plan's example clashes with the example units': the period's errors are said too.)
    assert re.match(r"Tình trạng: đã nộp (có lỗi )?phiên bản 2 lúc \d\d:\d\d ngày [\d/]{10}", said)
    assert said.count("đã nộp") == 1, said

    who.upload(own, "de-nghi.xlsx")
    now = _listed(who)
    assert "đã nộp có bản mới chưa nộp phiên bản 2 nộp lúc" in now
    assert now.count("đã nộp") == 1
    assert "phiên bản 3 (tệp “de-nghi.xlsx”) tải lên sau chưa nộp: đợt xét vẫn dùng" in now
    page = clerk.get(f"/de-nghi/{pk}/").content.decode()
    assert "đợt xét vẫn dùng phiên bản 2" in _said(page, 'id="tinh-trang">')


def test_the_list_says_which_file_was_sent_when_and_a_newer_one_unsent(
    data_dir: Path, example
) -> None:
    who = unit_clerk(data_dir)
    own = who.own(example())
    who.upload(own, "ho-so-thang-11.xlsx")
    who.send()
    sent_at = Proposal.objects.get(pk=who.pk).submitted_at
    # Vietnam's clock (UTC+7), not the server's UTC: what the clerk's own clock read.
    when = sent_at.astimezone(ZoneInfo("Asia/Ho_Chi_Minh")).strftime("%H:%M ngày %d/%m/%Y")
    listed = _listed(who)
    assert listed.endswith(f"đã nộp phiên bản 1 lúc {when} (tệp “ho-so-thang-11.xlsx”)."), listed
    assert "có bản mới chưa nộp" not in listed

    who.upload(own, "ho-so-sua.xlsx")
    listed = _listed(who)
    assert "đã nộp có bản mới chưa nộp" in listed
    assert f"phiên bản 1 nộp lúc {when} (tệp “ho-so-thang-11.xlsx”)" in listed
    assert (
        "phiên bản 2 (tệp “ho-so-sua.xlsx”) tải lên sau chưa nộp: đợt xét vẫn dùng phiên bản 1"
        in (listed)
    )


def test_a_version_naming_another_unit_is_said_not_sendable_in_the_list(
    data_dir: Path, example
) -> None:
    who = unit_clerk(data_dir)
    who.upload(example(), "de-nghi.xlsx")
    listed = _listed(who)
    assert "chưa nộp tên đơn vị khác phiên bản 1 ghi đơn vị khác ở ô Thông tin chung!B6" in listed
