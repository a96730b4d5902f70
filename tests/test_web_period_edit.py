"""The office changes a running period in the browser: dot-xet.toml changed in place, kept."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.models import AuditEntry
from tests.webtools import PASSWORD, login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

PAGE = "/dot-xet/quyet-dinh/sua/"


def _form(client) -> dict[str, str]:
    """The form as the page fills it (no box ticked)."""
    import re

    page = client.get(PAGE).content.decode()
    values = dict(re.findall(r'name="(\w+)" value="([^"]*)"', page))
    for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        values[name] = chosen.group(1) if chosen else ""
    return {k: v for k, v in values.items() if k not in ("csrfmiddlewaretoken", "remove_units")}


def test_the_decision_s_number_and_date_are_written_in_place_and_the_old_file_kept(
    office,
) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_text(encoding="utf-8")
    shown = _form(client)
    assert shown["deadline"] == "25/11/2026" and shown["decision_number"] == "86/QĐ-UBND"
    typed = shown | {
        "decision_number": "125/QĐ-UBND",
        "decision_date": "20/12/2026",
        "office_date": "01/12/2026",
        "register_start": "41",
    }
    page = client.post(PAGE, typed, follow=True).content.decode()
    assert "Đã lưu thay đổi của đợt xét" in page
    period = load_period(folder)
    decision = period.config.decision
    assert (decision.number, decision.date, decision.register_start) == (
        "125/QĐ-UBND",
        dt.date(2026, 12, 20),
        41,
    )
    assert period.config.office.date == dt.date(2026, 12, 1)
    after = (folder / "dot-xet.toml").read_text(encoding="utf-8")
    # The office's date is written on its commented example line, with that line's comment.
    assert (
        "date = 2026-12-01  # ngày Tờ trình tổng hợp; mặc định: hạn nộp, hoặc ngày muộn nhất "
        in after
    )
    comments = [line for line in before.splitlines() if line.startswith("#")]
    assert [c for c in comments if not c.startswith("# date =")] == [
        line for line in after.splitlines() if line.startswith("#")
    ]
    (kept,) = (folder / "dot-xet-cu").glob("dot-xet-*.toml")
    assert kept.read_text(encoding="utf-8") == before
    entry = AuditEntry.objects.get(action="sua-dot-xet")
    # The log is read in a browser: the fields changed, as the form names them.
    assert entry.detail == (
        "Ngày Tờ trình tổng hợp, Số quyết định khen thưởng, Ngày quyết định, Số sổ vàng bắt đầu"
    )


def test_wrong_values_are_named_at_their_fields_and_nothing_is_written(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    typed = _form(client) | {
        "deadline": "31/02/2026",
        "register_start": "0",
        "decision_signer_title": "Phó Chủ tịch",
        "decision_signer_name": "",
    }
    response = client.post(PAGE, typed)
    page = response.content.decode()
    assert "Chưa lưu: hãy sửa các ô được đánh dấu." in page
    errors = {
        name: page.split(f'name="{name}"')[1].split("</div>")[0]
        for name in ("deadline", "register_start", "decision_signer_name")
    }
    assert "Ngày không đúng: ghi ngày/tháng/năm có thật, ví dụ 25/11/2026." in errors["deadline"]
    assert "Số sổ vàng bắt đầu từ 1 trở lên." in errors["register_start"]
    assert "Ghi cả chức vụ và họ tên người ký quyết định" in errors["decision_signer_name"]
    assert (folder / "dot-xet.toml").read_bytes() == before
    assert not (folder / "dot-xet-cu").exists()


def test_a_number_too_long_for_the_config_file_is_refused_at_its_field(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    page = client.post(PAGE, _form(client) | {"register_start": "9" * 26}).content.decode()
    field = page.split('name="register_start"')[1].split("</div>")[0]
    assert "Số sổ vàng tối đa là 999.999.999." in field
    assert (folder / "dot-xet.toml").read_bytes() == before


def test_saving_what_is_there_changes_nothing(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    page = client.post(PAGE, _form(client), follow=True).content.decode()
    assert "Không có gì thay đổi." in page
    assert (folder / "dot-xet.toml").read_bytes() == before
    assert not AuditEntry.objects.filter(action="sua-dot-xet").exists()


def test_an_emptied_date_goes_back_to_its_default(office) -> None:
    client, folder = office
    client.post(PAGE, _form(client) | {"decision_date": ""})
    assert load_period(folder).config.decision.date is None
    assert "\ndate = 2026-12-10" not in (folder / "dot-xet.toml").read_text(encoding="utf-8")


def test_only_the_office_changes_a_period(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    add_user("clerk", "van-thu", PASSWORD, load_period(folder).config.units[0].name)
    clerk = login("clerk")
    assert clerk.get(PAGE).status_code == 404
    assert clerk.post(PAGE, _form(client) | {"decision_number": "1/QĐ"}).status_code == 404
    assert (folder / "dot-xet.toml").read_bytes() == before
    assert client.get("/dot-xet/khong-co/sua/").status_code == 404
    assert "Sửa hạn nộp, đơn vị, người ký, số và ngày Quyết định" in (
        client.get("/dot-xet/quyet-dinh/").content.decode()
    )


def test_a_unit_added_later_is_expected_and_gets_its_record(office) -> None:
    from pipeline.web.models import Unit

    client, folder = office
    known = load_period(folder).config.units[0].name
    typed = _form(client) | {"new_units": f"Trường Mầm non Hoa Sen\n\n{known.upper()}"}
    page = client.post(PAGE, typed).content.decode()
    assert f"Đơn vị “{known.upper()}” đã có trong đợt xét." in page
    page = client.post(PAGE, typed | {"new_units": "  Trường Mầm non  Hoa Sen \n"}, follow=True)
    names = [u.name for u in load_period(folder).config.units]
    assert names[-1] == "Trường Mầm non Hoa Sen" and len(names) == 6
    assert Unit.objects.filter(name="Trường Mầm non Hoa Sen").exists()
    shown = page.content.decode()
    assert "Trường Mầm non Hoa Sen" in shown.split('id="don-vi"')[1].split("</table>")[0]
    entry = AuditEntry.objects.get(action="sua-dot-xet")
    assert entry.detail == "thêm đơn vị “Trường Mầm non Hoa Sen”"


def test_only_a_unit_that_sent_nothing_can_be_taken_out(office) -> None:
    from pipeline.period.check import check_period

    client, folder = office
    statuses = check_period(load_period(folder)).units
    silent = [u.name for u in statuses if u.file is None]
    sent = [u.name for u in statuses if u.file is not None]
    assert silent and sent
    page = client.get(PAGE).content.decode()
    boxes = page.split('id="id_remove_units"')[1].split("</div>")[0]
    assert all(f'value="{name}"' in boxes for name in silent)
    assert not any(f'value="{name}"' in boxes for name in sent)
    assert f"Đã tải lên hoặc đã nộp (giữ lại): {sent[0]}" in page

    before = (folder / "dot-xet.toml").read_bytes()
    page = client.post(PAGE, _form(client) | {"remove_units": [sent[0]]}).content.decode()
    assert f"Đơn vị “{sent[0]}” đã tải lên hoặc đã nộp tệp (hoặc không có trong đợt" in page
    assert (folder / "dot-xet.toml").read_bytes() == before

    page = client.post(PAGE, _form(client) | {"remove_units": [silent[0]]}, follow=True)
    names = [u.name for u in load_period(folder).config.units]
    assert silent[0] not in names and sent[0] in names
    assert silent[0] not in page.content.decode().split('id="don-vi"')[1].split("</table>")[0]
    assert AuditEntry.objects.get(action="sua-dot-xet").detail == f"bỏ đơn vị “{silent[0]}”"
    assert list((folder / "dot-xet-cu").glob("*.toml"))


def test_a_unit_whose_clerk_uploaded_a_version_stays(office) -> None:
    from pipeline.period.check import check_period
    from pipeline.web.models import Period
    from tests.webtools import new_proposal, upload_file

    client, folder = office
    unit = next(u.name for u in check_period(load_period(folder)).units if u.file is None)
    add_user("clerk", "van-thu", PASSWORD, unit)
    page = client.get(PAGE).content.decode()
    assert f'value="{unit}"' in page.split('id="id_remove_units"')[1].split("</div>")[0]
    clerk = login("clerk")
    period = Period.objects.get(slug="quyet-dinh")
    pk = new_proposal(clerk, f"{period.plan_id}/{period.review_id}")
    workbook = next((folder / "don-vi").glob("*.xlsx"))  # another unit's: an upload all the same
    clerk.post(f"/de-nghi/{pk}/tai-len/", {"file": upload_file(workbook)})
    page = client.get(PAGE).content.decode()
    assert f'value="{unit}"' not in page
    assert unit in page.split("(giữ lại): ")[1].split("</p>")[0]


def test_the_period_page_says_the_decision_s_number_and_date_as_saved(office) -> None:
    import re

    client, _ = office

    def said(page: str) -> str:
        """The period page's line on the Quyết định's number and date, as read."""
        return " ".join(re.search(r'<p id="so-quyet-dinh">(.*?)</p>', page, re.S)[1].split())

    typed = _form(client) | {"decision_number": "125/QĐ-UBND", "decision_date": "20/12/2026"}
    page = client.post(PAGE, typed, follow=True).content.decode()
    assert said(page) == "Số, ngày Quyết định khen thưởng: số 125/QĐ-UBND, ngày 20/12/2026."
    # Not issued yet: the page says what is missing and where to write it.
    typed = _form(client) | {"decision_number": "", "decision_date": ""}
    page = client.post(PAGE, typed, follow=True).content.decode()
    assert said(page) == (
        "Số, ngày Quyết định khen thưởng: chưa ghi số, chưa ghi ngày (khi Quyết định đã ký và "
        "ban hành: ghi ở trang “Sửa thông tin đợt xét”)."
    )
