"""The office records the day a unit's dossier reached it (`received` of the unit in dot-xet.toml):
the period's lateness is counted from that day, not from the date of the file in don-vi/ (a file
saved from an e-mail, copied or submitted again later has a later date than the dossier). With
it, the number and date of the unit's Tờ trình as received (`to_trinh`, `to_trinh_date`), which
the office's Tờ trình cites."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pipeline.errors import HosoError
from pipeline.period.check import RETURNED_LABEL
from pipeline.period.config import TO_TRINH_NUMBER, ExpectedUnit
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.config_edit import save_unit_keys
from pipeline.period.units import default_file, sent_back, unit_key
from pipeline.vietnamese.text import nfc
from pipeline.web.access import audit, requires
from pipeline.web.models import Period
from pipeline.web.period_new import DATE_FORMATS
from pipeline.web.periods import folder_of, row_anchor
from pipeline.web.wording import UNREADABLE, office_error

# The period page's units section, where the receipt and return forms are (a row of its table):
# their redirects land on the unit's row, its messages drawn under it (templatetags/flash.py);
# on the section when the unit has no row there (a name not in the list, a folder not read).
UNITS = "muc-don-vi"


def to_units(slug: str, place: str = UNITS) -> HttpResponse:
    """To the period page's unit row (its anchor, `place`) or units section, where the form was
    and its message is drawn."""
    return redirect(reverse("dot-xet", kwargs={"slug": slug}) + f"#{place}")


def unit_place(folder: PeriodFolder, name: str) -> str:
    """The anchor of the unit's row on the period page, or the units section's when the period
    does not list it (its row, if any, is then a file's, not the one the form was in)."""
    names = [u.name for u in folder.config.units]
    if not any(unit_key(n) == unit_key(name) for n in names):
        return UNITS
    return row_anchor(name, names)


@dataclass(frozen=True)
class Receipt:
    """What the office typed on a unit's receipt form: each None when left empty (the key then
    goes: the file's date, the workbook's Tờ trình)."""

    day: dt.date | None
    number: str | None  # the unit's Tờ trình number, its symbol included ("12/TTr-UBND")
    date: dt.date | None  # that Tờ trình's date
    numbered: bool = True  # the form sent the Tờ trình's fields (older forms did not)

    def changes(self) -> dict[str, object]:
        """The unit's keys of dot-xet.toml as this receipt sets them (None: removed)."""
        keys: dict[str, object] = {"received": self.day}
        if self.numbered:
            keys |= {"to_trinh": self.number, "to_trinh_date": self.date}
        return keys

    def said(self) -> str:
        """The receipt in words, for the message and the audit log."""
        day = f"{self.day:%d/%m/%Y}" if self.day else "ngày của tệp (chưa ghi ngày nhận)"
        if self.number and self.date:
            return f"{day}; Tờ trình số {self.number} ngày {self.date:%d/%m/%Y}"
        return day if not self.numbered else f"{day}; Tờ trình theo tệp của đơn vị"


@require_POST
@requires("thi-dua")
def record_received(request: HttpRequest, slug: str) -> HttpResponse:
    """Record the day a unit's dossier was received (default on the form: today), and the number
    and date of its Tờ trình as the office's register of incoming documents has them; a field
    left empty takes its value away (back to the file's date, the workbook's Tờ trình)."""
    found = get_object_or_404(Period, slug=slug)
    name = nfc(request.POST.get("don_vi", "")).strip()
    try:
        folder = folder_of(found)
    except HosoError:
        messages.error(request, f"Chưa ghi được ngày nhận hồ sơ: {UNREADABLE}", extra_tags=UNITS)
        return to_units(slug)
    unit = next((u for u in folder.config.units if unit_key(u.name) == unit_key(name)), None)
    if unit is None:
        messages.error(
            request,
            f"Đơn vị “{name}” không có trong danh sách đơn vị phải nộp của đợt xét.",
            extra_tags=UNITS,
        )
        return to_units(slug)
    row = unit_place(folder, unit.name)  # the outcome is said under the unit's row
    receipt = _receipt(request.POST, unit.name)
    if isinstance(receipt, str):
        messages.error(request, receipt, extra_tags=row)
        return to_units(slug, row)
    if _returned(folder, unit):  # the page offers no receipt for it: nor does a forged post
        messages.error(
            request,
            f"Chưa ghi được ngày nhận hồ sơ của {unit.name}: hồ sơ {RETURNED_LABEL}, đơn vị chưa "
            "nộp lại; ghi ngày nhận khi đơn vị nộp lại hồ sơ.",
            extra_tags=row,
        )
        return to_units(slug, row)
    try:
        if any(getattr(unit, k) != v for k, v in receipt.changes().items()):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
            save_unit_keys(folder, unit.name, receipt.changes(), stamp)
    except HosoError as exc:
        said = office_error(exc, folder.folder)
        messages.error(request, f"Chưa ghi được ngày nhận hồ sơ: {said}", extra_tags=row)
        return to_units(slug, row)
    audit(request, "ghi-ngay-nhan", f"đợt {slug}", f"{unit.name}: {receipt.said()}")
    messages.success(request, _done(unit.name, receipt), extra_tags=row)
    return to_units(slug, row)


def _returned(folder: PeriodFolder, unit: ExpectedUnit) -> bool:
    """Whether the office sent the unit's workbook back and nothing came since. A receipt recorded
    before the return is not changed either: the row offers no form until the unit sends again."""
    name = unit.file or default_file(unit.name, [u.name for u in folder.config.units])
    return not (folder.units_dir / name).is_file() and sent_back(folder.folder, name)


def _done(name: str, receipt: Receipt) -> str:
    """What the office is told once its receipt is written."""
    if receipt.day is None:
        text = (
            f"Đã xóa ngày nhận hồ sơ của {name}: ngày nhận là ngày của tệp đơn vị đã nộp "
            "(trễ hạn tính theo ngày đó)."
        )
    else:
        text = f"Đã ghi ngày nhận hồ sơ của {name}: {receipt.day:%d/%m/%Y}. Trễ hạn tính theo ngày này."
    if receipt.number and receipt.date:
        text += (
            f" Tờ trình của đơn vị: số {receipt.number} ngày {receipt.date:%d/%m/%Y} (Tờ trình "
            "tổng hợp trích theo số, ngày này)."
        )
    elif receipt.numbered:
        text += " Tờ trình của đơn vị: theo số, ngày trong tệp của đơn vị (nếu có)."
    return text


def _receipt(form: QueryDict, name: str) -> Receipt | str:
    """The receipt typed on the form, or what is wrong with it (in the form's words)."""
    typed = form.get("ngay", "").strip()
    day = _day(typed) if typed else None
    if typed and day is None:
        return f"Chưa ghi ngày nhận hồ sơ của {name}: hãy ghi ngày/tháng/năm."
    if day is not None and day > timezone.localdate():
        return (
            f"Chưa ghi ngày nhận hồ sơ của {name}: ngày {day:%d/%m/%Y} chưa tới; hãy kiểm tra "
            "ngày, tháng, năm."
        )
    if "so_to_trinh" not in form and "ngay_to_trinh" not in form:
        return Receipt(day, None, None, numbered=False)
    number = re.sub(r"\s*/\s*", "/", nfc(form.get("so_to_trinh", "")).strip())
    typed = form.get("ngay_to_trinh", "").strip()
    date = _day(typed) if typed else None
    wrong = f"Chưa ghi Tờ trình của {name}: "
    if number and not TO_TRINH_NUMBER.fullmatch(number):
        return (
            f"{wrong}số “{number}” chưa có dạng số/ký hiệu; hãy ghi như trên Tờ trình của đơn "
            "vị, ví dụ 12/TTr-UBND."
        )
    if typed and date is None:
        return f"{wrong}hãy ghi ngày Tờ trình là ngày/tháng/năm."
    if date is not None and date > timezone.localdate():
        return f"{wrong}ngày {date:%d/%m/%Y} chưa tới; hãy kiểm tra ngày, tháng, năm."
    if bool(number) != bool(date):
        missing = "ngày" if number else "số"
        return f"{wrong}hãy ghi cả số và ngày Tờ trình (còn thiếu {missing}), hoặc để trống cả hai."
    return Receipt(day, number or None, date)


def _day(typed: str) -> dt.date | None:
    """A date as the form sends it (the browser's date field) or as a person types it."""
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(typed.strip(), form).date()
        except ValueError:
            continue
    return None
