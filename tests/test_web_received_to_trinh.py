"""The period page's receipt form also records the unit's Tờ trình as received (number with its
symbol, date), which the office's Tờ trình cites; any field left empty takes its value away: the
receipt date back to the file's date, the Tờ trình back to the workbook's."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from django.utils import timezone

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.consolidate import consolidate
from pipeline.period.documents import to_trinh_context
from pipeline.web.models import AuditEntry
from tests.test_period import fix_broken_unit
from tests.test_web_received import LATE, NOT_SENT, PAGE, RECORD, _period
from tests.webtools import make_people, office_login, unit_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _form(page: str, unit: str) -> str:
    """A unit's row of the units' table as HTML (its form's fields and values)."""
    return page.split(f"<td>{html.escape(unit)}</td>", 1)[1].split("</tr>", 1)[0]


def test_the_office_records_the_units_to_trinh_and_its_to_trinh_cites_it(data_dir: Path) -> None:
    config = _period(data_dir)
    office = office_login()
    sent = {"don_vi": LATE, "ngay": "24/11/2023", "so_to_trinh": "12 / TTr-VP"}
    done = office.post(RECORD, sent | {"ngay_to_trinh": "20/11/2023"}, follow=True)
    page = html.unescape(done.content.decode())
    assert (
        f"Đã ghi ngày nhận hồ sơ của {LATE}: 24/11/2023. Trễ hạn tính theo ngày này. Tờ trình "
        "của đơn vị: số 12/TTr-VP ngày 20/11/2023 (Tờ trình tổng hợp trích theo số, ngày này)."
    ) in page
    assert (
        "24/11/2023 Tờ trình số 12/TTr-VP ngày 20/11/2023 Sửa ngày nhận, số Tờ trình"
        in unit_row(page, LATE)
    )
    form = _form(page, LATE)
    assert 'name="so_to_trinh" size="14" placeholder="12/TTr-UBND" value="12/TTr-VP"' in form
    assert 'name="ngay_to_trinh" size="10" placeholder="ngày/tháng/năm" value="20/11/2023"' in form
    text = config.read_text(encoding="utf-8")
    assert 'to_trinh = "12/TTr-VP"' in text and "to_trinh_date = 2023-11-20" in text
    entry = AuditEntry.objects.get(action="ghi-ngay-nhan")
    assert entry.detail == f"{LATE}: 24/11/2023; Tờ trình số 12/TTr-VP ngày 20/11/2023"
    # The office's Tờ trình, once every unit is valid, cites the unit by what was recorded.
    fix_broken_unit(config.parent)
    (made,) = consolidate(check_period(load_period(config.parent)))
    bases = to_trinh_context(made)["can_cu"]
    assert f"Căn cứ Tờ trình số 12/TTr-VP ngày 20/11/2023 của {LATE};" in bases


def test_a_wrong_to_trinh_is_refused_in_the_forms_words(data_dir: Path) -> None:
    config = _period(data_dir)
    text = config.read_text(encoding="utf-8")
    people = make_people()
    office = people.office
    day = {"don_vi": LATE, "ngay": "24/11/2023"}
    cases = [
        (
            {"so_to_trinh": "12", "ngay_to_trinh": "20/11/2023"},
            f"Chưa ghi Tờ trình của {LATE}: số “12” chưa có dạng số/ký hiệu; hãy ghi như trên "
            "Tờ trình của đơn vị, ví dụ 12/TTr-UBND.",
        ),
        (
            {"so_to_trinh": "12/TTr-VP", "ngay_to_trinh": ""},
            f"Chưa ghi Tờ trình của {LATE}: hãy ghi cả số và ngày Tờ trình (còn thiếu ngày), "
            "hoặc để trống cả hai.",
        ),
        (
            {"so_to_trinh": "", "ngay_to_trinh": "20/11/2023"},
            "(còn thiếu số)",
        ),
        (
            {"so_to_trinh": "12/TTr-VP", "ngay_to_trinh": "31/02/2023"},
            f"Chưa ghi Tờ trình của {LATE}: hãy ghi ngày Tờ trình là ngày/tháng/năm.",
        ),
    ]
    for fields, said in cases:
        page = office.post(RECORD, day | fields, follow=True).content.decode()
        assert said in html.unescape(page), fields
    assert config.read_text(encoding="utf-8") == text
    assert not AuditEntry.objects.filter(action="ghi-ngay-nhan").exists()
    # A clerk cannot record one either.
    clerk = people.clerk_a
    sent = day | {"so_to_trinh": "12/TTr-VP", "ngay_to_trinh": "20/11/2023"}
    assert clerk.post(RECORD, sent).status_code == 404
    assert config.read_text(encoding="utf-8") == text


def test_emptied_fields_take_the_recorded_values_away(data_dir: Path) -> None:
    config = _period(data_dir)
    office = office_login()
    recorded = {"so_to_trinh": "12/TTr-VP", "ngay_to_trinh": "20/11/2023"}
    office.post(RECORD, {"don_vi": LATE, "ngay": "24/11/2023"} | recorded)
    # The receipt date cleared: the file's date again (written today: late), the Tờ trình kept.
    cleared = {"don_vi": LATE, "ngay": ""} | recorded
    page = html.unescape(office.post(RECORD, cleared, follow=True).content.decode())
    assert f"Đã xóa ngày nhận hồ sơ của {LATE}: ngày nhận là ngày của tệp đơn vị đã nộp" in page
    today = timezone.localdate().strftime("%d/%m/%Y")
    row = unit_row(page, LATE)
    assert f"Excel {today} (ngày của tệp) Tờ trình số 12/TTr-VP" in row and "trễ hạn" in row, row
    text = config.read_text(encoding="utf-8")
    assert "received = 2023-11-28" not in text and "received = 2023-11-24" not in text
    assert 'to_trinh = "12/TTr-VP"' in text
    # The form of a unit whose receipt is not recorded but whose Tờ trình is: no date put in.
    assert 'name="ngay" size="10" placeholder="ngày/tháng/năm" value=""' in _form(page, LATE)
    # The Tờ trình cleared: the workbook's again.
    office.post(RECORD, {"don_vi": LATE, "ngay": "", "so_to_trinh": "", "ngay_to_trinh": ""})
    text = config.read_text(encoding="utf-8")
    assert "to_trinh" not in text.split(f'name = "{LATE}"', 1)[1].split("[[units]]", 1)[0]
    row = unit_row(office.get(PAGE).content.decode(), LATE)
    assert "Tờ trình số" not in row and "Ghi nhận đã nhận" in row, row
    log = [e.detail for e in AuditEntry.objects.filter(action="ghi-ngay-nhan").order_by("pk")]
    assert log[-2:] == [
        f"{LATE}: ngày của tệp (chưa ghi ngày nhận); Tờ trình số 12/TTr-VP ngày 20/11/2023",
        f"{LATE}: ngày của tệp (chưa ghi ngày nhận); Tờ trình theo tệp của đơn vị",
    ]
    # A unit that has sent nothing: nothing recorded, its row still offers today's date.
    assert f'value="{today}"' in _form(office.get(PAGE).content.decode(), NOT_SENT)
