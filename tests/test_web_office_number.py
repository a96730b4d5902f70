"""The office's own Tờ trình number (office.number in dot-xet.toml) on the period's forms: a whole
number, given with its date, refused at its field as the file refuses it; and what the period
says about it, and about an award each unit decides listed among the office's, in the forms'
words."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from pipeline.web.models import AuditEntry
from tests.test_web_period_edit import PAGE, _form
from tests.test_web_period_new import _answers, _field_errors
from tests.test_web_period_problems import _shown, _spoil
from tests.webtools import PASSWORD, as_read, login, make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]

NEEDS_DATE = (
    "Tờ trình tổng hợp số 45 cần cả ngày ban hành: ghi ngày như văn thư đã ghi, hoặc để trống "
    "“Số Tờ trình của cơ quan” để in trống số, ngày cho văn thư ghi."
)


def test_the_office_number_is_saved_with_its_date_on_the_edit_page(office) -> None:
    client, folder = office
    page = client.get(PAGE).content.decode()
    assert "Số Tờ trình của cơ quan (khi văn thư đã cấp số; cần cả ngày Tờ trình)" in page
    typed = _form(client) | {"office_date": "01/12/2026", "office_number": "45"}
    assert "Đã lưu thay đổi" in client.post(PAGE, typed, follow=True).content.decode()
    office = load_period(folder).config.office
    assert (office.number, office.date.isoformat()) == (45, "2026-12-01")  # type: ignore[union-attr]
    assert "\nnumber = 45  # số Tờ trình tổng hợp" in (folder / "dot-xet.toml").read_text("utf-8")
    detail = AuditEntry.objects.get(action="sua-dot-xet").detail
    assert detail == "Ngày Tờ trình tổng hợp, Số Tờ trình của cơ quan", detail
    assert 'name="office_number" value="45"' in client.get(PAGE).content.decode()


def test_emptying_the_date_of_a_numbered_tờ_trình_is_refused_at_the_date(office) -> None:
    client, folder = office
    client.post(PAGE, _form(client) | {"office_date": "01/12/2026", "office_number": "45"})
    before = (folder / "dot-xet.toml").read_bytes()
    page = client.post(PAGE, _form(client) | {"office_date": ""}).content.decode()
    assert _field_errors(page) == {"office_date": NEEDS_DATE}, _field_errors(page)
    assert (folder / "dot-xet.toml").read_bytes() == before
    assert load_period(folder).config.office.number == 45  # the file still reads
    # Emptying both leaves number and date blank for the văn thư.
    client.post(PAGE, _form(client) | {"office_date": "", "office_number": ""})
    assert load_period(folder).config.office.number is None


def test_a_number_not_as_the_file_takes_it_is_refused_at_its_field(office) -> None:
    client, folder = office
    before = (folder / "dot-xet.toml").read_bytes()
    for typed, said in [
        ("45/TTr-UBND", "Chỉ ghi số của Tờ trình, là một số nguyên, ví dụ 45 (hoso tự in phần"),
        ("0", "Số Tờ trình bắt đầu từ 1 trở lên."),
        ("100000", "Số Tờ trình tối đa là 99.999."),
    ]:
        answers = _form(client) | {"office_date": "01/12/2026", "office_number": typed}
        errors = _field_errors(client.post(PAGE, answers).content.decode())
        assert errors["office_number"].startswith(said), errors
    assert (folder / "dot-xet.toml").read_bytes() == before


def test_a_new_period_takes_the_office_number_with_its_date(data_dir: Path) -> None:
    people = make_people()
    refused = people.office.post("/dot-xet/moi/", _answers(office_number="45"))
    assert _field_errors(refused.content.decode()) == {"office_date": NEEDS_DATE}
    assert not any((data_dir / "dot-xet").glob("*/dot-xet.toml"))
    answers = _answers(office_number="45", office_date="01/12/2026")
    created = people.office.post("/dot-xet/moi/", answers)
    assert created.status_code == 302, _field_errors(created.content.decode())
    (config,) = (data_dir / "dot-xet").glob("*/dot-xet.toml")
    office = load_period(config.parent).config.office
    assert (office.number, office.date.isoformat()) == (45, "2026-12-01")  # type: ignore[union-attr]
    assert not (config.parent / "dot-xet-cu").exists()  # a new period, nothing replaced


def test_the_new_period_form_offers_no_award_each_unit_decides() -> None:
    people = make_people()
    page = html.unescape(
        people.office.get("/dot-xet/moi/ke-hoach/?plan=bu-gia-map-cds-2022-2025").content.decode()
    )
    own = "Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh nghiệp"
    assert 'value="giay-khen-thu-truong"' not in page
    assert f"Không có ở đây: {own} (do Thủ trưởng từng đơn vị tự quyết định" in page


def _general(page: str) -> list[str]:
    """The period page's "Lỗi, cảnh báo chung của đợt", one line a finding."""
    part = page.split('id="loi-chung"', 1)[1].split("<h2", 1)[0]
    items = re.findall(r"<li[^>]*>(.*?)</li>", part, re.S)
    return [as_read(i) for i in items]


def test_an_award_each_unit_decides_under_decides_is_said_in_the_forms_words(
    data_dir: Path,
) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    config = load_period(data_dir / period.folder).config_path
    _spoil(config, ("decides = []", 'decides = ["giay-khen-thu-truong"]'))
    add_user("office", "thi-dua", PASSWORD)
    said = [
        line
        for line in _general(login("office").get("/dot-xet/vi-du/").content.decode())
        if "Thủ trưởng từng đơn vị" in line
    ]
    assert said == [
        "Hình thức do chính cơ quan này quyết định (mục thứ 1), không sửa được trên trang (hãy "
        "nhờ người quản trị máy chủ sửa): “Giấy khen của Thủ trưởng cơ quan, đơn vị, doanh "
        "nghiệp” do Thủ trưởng từng đơn vị quyết định khen thưởng, không phải cơ quan: theo kế "
        "hoạch của đợt, mỗi đơn vị tự quyết định trên hồ sơ của mình. hoso không lập Quyết định, "
        "danh sách, Giấy khen hay sổ theo dõi của cơ quan cho hình thức này; hãy bỏ hình thức "
        "này khỏi “Hình thức do chính cơ quan này quyết định”."
    ], said


def test_a_number_without_its_date_in_the_file_is_said_by_the_forms_fields(
    data_dir: Path,
) -> None:
    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    config = load_period(data_dir / period.folder).config_path
    _spoil(config, ("# number = 45", "number = 45"))
    add_user("office", "thi-dua", PASSWORD)
    said = _shown(login("office").get("/dot-xet/vi-du/").content.decode())
    assert said[1] == (
        "Số Tờ trình của cơ quan: Tờ trình tổng hợp số 45 cần cả ngày ban hành: ghi “Ngày Tờ "
        "trình tổng hợp” như văn thư đã ghi, hoặc để trống “Số Tờ trình của cơ quan” để in trống "
        "số, ngày"
    ), said


def test_choosing_a_plan_marks_no_field_as_missing() -> None:
    people = make_people()
    url = "/dot-xet/moi/ke-hoach/?plan=bu-gia-map-cds-2022-2025&decides=bang-khen-tinh"
    page = html.unescape(people.office.get(url).content.decode())
    assert "Trường này là bắt buộc" not in page and "has-error" not in page, page
    assert 'value="bang-khen-tinh" checked' in page  # the box ticked before stays ticked
