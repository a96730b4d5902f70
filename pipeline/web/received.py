"""The office records the day a unit's dossier reached it (`received` of the unit in dot-xet.toml):
the period's lateness is counted from that day, not from the date of the file in don-vi/ (a file
saved from an e-mail, copied or submitted again later has a later date than the dossier)."""

from __future__ import annotations

import datetime as dt
import tomllib

import tomlkit
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST
from tomlkit.exceptions import TOMLKitError

from pipeline.errors import HosoError, PlanError
from pipeline.files import os_error, write_atomically
from pipeline.period.config import ExpectedUnit, period_from
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.config_edit import PREVIOUS
from pipeline.period.units import unit_key
from pipeline.vietnamese.text import nfc
from pipeline.web.access import audit, requires
from pipeline.web.models import Period
from pipeline.web.period_new import DATE_FORMATS
from pipeline.web.periods import folder_of
from pipeline.web.wording import UNREADABLE, office_error


@require_POST
@requires("thi-dua")
def record_received(request: HttpRequest, slug: str) -> HttpResponse:
    """Record the day a unit's dossier was received (default on the form: today)."""
    found = get_object_or_404(Period, slug=slug)
    name = nfc(request.POST.get("don_vi", "")).strip()
    back = redirect("dot-xet", slug=slug)
    day = _day(request.POST.get("ngay", ""))
    if day is None:
        messages.error(request, f"Chưa ghi ngày nhận hồ sơ của {name}: hãy ghi ngày/tháng/năm.")
        return back
    if day > timezone.localdate():
        messages.error(
            request,
            f"Chưa ghi ngày nhận hồ sơ của {name}: ngày {day:%d/%m/%Y} chưa tới; hãy kiểm tra "
            "ngày, tháng, năm.",
        )
        return back
    try:
        folder = folder_of(found)
    except HosoError:
        messages.error(request, f"Chưa ghi được ngày nhận hồ sơ: {UNREADABLE}")
        return back
    unit = next((u for u in folder.config.units if unit_key(u.name) == unit_key(name)), None)
    if unit is None:
        messages.error(
            request, f"Đơn vị “{name}” không có trong danh sách đơn vị phải nộp của đợt xét."
        )
        return back
    try:
        if unit.received != day:
            save_received(folder, unit, day, timezone.localtime().strftime("%Y%m%d-%H%M%S-%f"))
    except HosoError as exc:
        said = office_error(exc, folder.folder)
        messages.error(request, f"Chưa ghi được ngày nhận hồ sơ: {said}")
        return back
    audit(request, "ghi-ngay-nhan", f"đợt {slug}", f"{unit.name}: {day:%d/%m/%Y}")
    messages.success(
        request,
        f"Đã ghi ngày nhận hồ sơ của {unit.name}: {day:%d/%m/%Y}. Trễ hạn tính theo ngày này.",
    )
    return back


def _day(typed: str) -> dt.date | None:
    """A date as the form sends it (the browser's date field) or as a person types it."""
    for form in DATE_FORMATS:
        try:
            return dt.datetime.strptime(typed.strip(), form).date()
        except ValueError:
            continue
    return None


def save_received(folder: PeriodFolder, unit: ExpectedUnit, day: dt.date, stamp: str) -> None:
    """Write `received = day` into the unit's [[units]] table of dot-xet.toml, once the new text
    reads as a period; the version it replaces kept in dot-xet-cu/ under `stamp`."""
    path = folder.config_path
    try:
        before = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise os_error(exc, path, "đọc") from None
    try:
        doc = tomlkit.parse(before)
        tables = doc["units"]  # an array of tables: each is a unit
        key = unit_key(unit.name)
        table = next(t for t in tables if unit_key(str(t.get("name", ""))) == key)
        table["received"] = day
        text = tomlkit.dumps(doc)
        period_from(folder.folder, tomllib.loads(text))
    except (tomllib.TOMLDecodeError, TOMLKitError, KeyError, StopIteration, ValueError):
        raise PlanError(
            "hoso không sửa tự động được thông tin đợt xét (cách viết khác tệp hoso tạo); hãy "
            "nhờ người quản trị máy chủ ghi ngày nhận."
        ) from None
    kept = folder.folder / PREVIOUS / f"dot-xet-{stamp}.toml"
    write_atomically(kept, lambda tmp: tmp.write_text(before, encoding="utf-8"))
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
