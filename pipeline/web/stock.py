"""The office's certificate stock in the browser: print the test page, set the printer's offset and
each field's box, saved as the period's own calibration (can-chinh-phoi/<kind>.toml) exactly as a
clerk on the command line would edit it. Every version a change replaces is kept."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from pipeline.errors import HosoError, PlanError
from pipeline.files import os_error, write_atomically
from pipeline.inputs.certificates import (
    COLOR,
    FIELD_LABELS,
    KINDS,
    WHAT,
    Calibration,
    as_table,
    calibration_toml,
    parse_calibration,
    wrong_kind,
)
from pipeline.inputs.plans import get_plan
from pipeline.inputs.toml import parse_toml
from pipeline.pdf.certificates import draw_test_page
from pipeline.period.certificates import stock_kinds
from pipeline.period.check import check_period
from pipeline.period.config import STOCK_DIR
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.manifest import office_files
from pipeline.web.access import audit, requires
from pipeline.web.check_cache import CHECKS
from pipeline.web.models import Period
from pipeline.web.periods import changed_since, folder_of
from pipeline.web.summary import council_examples, example_units
from pipeline.web.uploads import UploadRefused
from pipeline.web.wording import (
    BOX,
    BOX_MORE,
    RESET_STOCK,
    UNREADABLE,
    load_problems,
    office_error,
    stock_key,
    stock_message,
)

PREVIOUS = "can-chinh-phoi-cu"  # in the period folder: every calibration a change replaced
MAX_FILE = 64 * 1024  # a calibration file is a few kilobytes


# A field's alignment as the page offers it: the file's value → the option's label.
ALIGN = {"left": "trái", "center": "giữa", "right": "phải"}
ALIGN_ERROR = "Chọn căn lề trái, giữa hoặc phải."
COLOR_ERROR = "Chọn màu chữ."
STYLE = ("bold", "italic", "align")  # each field's style (the form's values as the file's)
# The table's columns after the field's name, in order: its box, its type sizes, its style.
COLUMNS = (*BOX, "min_size", "bold", "italic", "color", "align")


class ColorInput(forms.TextInput):
    """The browser's colour picker; it posts the colour as the file writes it ("#c00000")."""

    input_type = "color"


class CalibrationForm(forms.Form):
    """The printer's offset and every field's box, in mm (sizes in pt); "1,5" and "1.5" both work;
    each field's smallest type size, colour and style: bold, italic, alignment."""

    offset_x = forms.FloatField(label="Dời sang phải (mm)", localize=True)
    offset_y = forms.FloatField(label="Dời xuống dưới (mm)", localize=True)
    # The stock's size: left empty, it stays as it is (a form posted without it changes none).
    page_width = forms.FloatField(label="Rộng (mm)", localize=True, required=False)
    page_height = forms.FloatField(label="Cao (mm)", localize=True, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in FIELD_LABELS.items():
            for attr, what in BOX.items():
                self.fields[f"{key}-{attr}"] = forms.FloatField(
                    label=f"{label}: {what}", localize=True
                )
        for key, label in FIELD_LABELS.items():
            # A row posted without some of its inputs (a form of before, a script) keeps those
            # settings: a browser always posts a select's, a text's and a colour's value, and
            # leaves out a checkbox not ticked.
            for marker, made in _optional_fields(key, label).items():
                if not self.is_bound or f"{key}-{marker}" in self.data:
                    self.fields |= made
        for field in self.fields.values():
            if not isinstance(field, forms.BooleanField | forms.ChoiceField | ColorField):
                field.widget.attrs.update({"inputmode": "decimal", "size": 5})
        for name, field in self.fields.items():
            if "-" in name:  # a cell of the boxes' table: said by its row and column
                field.widget.attrs["aria-label"] = field.label

    def rows(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The field boxes as table rows: label, then x, y, width, height, size, smallest size,
        bold, italic, colour and alignment."""
        return [
            (label, [self[f"{key}-{a}"] for a in COLUMNS if f"{key}-{a}" in self.fields])
            for key, label in FIELD_LABELS.items()
        ]


class ColorField(forms.CharField):
    """A field's colour: what the picker posts, written as the shipped files write it
    ("#C00000"); anything else is kept as typed for the calibration's own check to name."""

    widget = ColorInput

    def to_python(self, value: Any) -> str:
        """The posted colour, upper-cased when it is one ("#c00000" → "#C00000")."""
        text = str(super().to_python(value))
        return text.upper() if re.fullmatch(COLOR, text) else text


def _optional_fields(key: str, label: str) -> dict[str, dict[str, forms.Field]]:
    """A field's inputs a form of before did not have, by the input whose presence in a post
    says they were shown: its smallest size, its colour, and its style (bold and italic
    checkboxes, the alignment's select)."""
    align = forms.ChoiceField(
        label=f"{label}: {BOX_MORE['align']}",
        choices=list(ALIGN.items()),
        error_messages={"required": ALIGN_ERROR, "invalid_choice": ALIGN_ERROR},
    )
    smallest = forms.FloatField(label=f"{label}: {BOX_MORE['min_size']}", localize=True)
    color = ColorField(
        label=f"{label}: {BOX_MORE['color']}", error_messages={"required": COLOR_ERROR}
    )
    return {
        "min_size": {f"{key}-min_size": smallest},
        "color": {f"{key}-color": color},
        "align": {
            f"{key}-bold": forms.BooleanField(label=f"{label}: {BOX_MORE['bold']}", required=False),
            f"{key}-italic": forms.BooleanField(
                label=f"{label}: {BOX_MORE['italic']}", required=False
            ),
            f"{key}-align": align,
        },
    }


def _shown(value: float) -> str:
    """A measure as a Vietnamese reader writes it: 25, 1,5."""
    value = round(value, 2)
    return str(int(value)) if value.is_integer() else str(value).replace(".", ",")


def _initial(calibration: Calibration) -> dict[str, object]:
    """The form's values for a calibration."""
    values = {"offset_x": calibration.offset.x, "offset_y": calibration.offset.y}
    values |= {"page_width": calibration.page.width, "page_height": calibration.page.height}
    shown: dict[str, object] = {k: _shown(float(v)) for k, v in values.items()}
    for key, box in calibration.fields.items():
        shown |= {f"{key}-{a}": _shown(getattr(box, a)) for a in BOX}
        shown |= {f"{key}-{a}": getattr(box, a) for a in STYLE}
        shown |= {f"{key}-min_size": _shown(float(box.min_size)), f"{key}-color": box.color}
    return shown


def _period(slug: str) -> tuple[Period, PeriodFolder]:
    """A period record and its folder (HosoError when the folder does not load)."""
    found = get_object_or_404(Period, slug=slug)
    return found, folder_of(found)


def _stock(folder: PeriodFolder, kind: str) -> Calibration:
    """The calibration of one of the period's stocks; another kind is not found."""
    if kind not in stock_kinds(folder):
        raise Http404
    return folder.calibration(kind)


def _own_file(found: Period, kind: str) -> Path:
    """Where the office's own calibration of a stock lives (read or not)."""
    if kind not in KINDS:
        raise Http404
    return Path(settings.DATA_DIR) / found.folder / STOCK_DIR / f"{kind}.toml"


def _refusing(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose period folder cannot be read or written says why on the stock page."""

    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, slug, *args, **kwargs)
        except HosoError as exc:
            messages.error(request, f"Không thực hiện được: {_refused(slug, exc)}")
            return redirect("phoi", slug=slug)

    return wrapped


def _refused(slug: str, exc: HosoError) -> str:
    """Why a stock action failed, with no path of the server: a period whose information does
    not read points to the page's list of problems; a calibration says its fields."""
    if isinstance(exc, PlanError) and exc.problems and "dot-xet.toml" in str(exc):
        return UNREADABLE
    folder = Path(settings.DATA_DIR) / get_object_or_404(Period, slug=slug).folder
    return stock_message(exc, folder) if STOCK_DIR in str(exc) else office_error(exc, folder)


@require_GET
@requires("thi-dua")
def stock(request: HttpRequest, slug: str) -> HttpResponse:
    """Each stock of the period: its test page, its offset and field boxes, its file."""
    found = get_object_or_404(Period, slug=slug)
    try:
        folder = folder_of(found)
    except HosoError as exc:
        broken = [k for k in KINDS if _own_file(found, k).is_file()]
        said = load_problems(exc, Path(settings.DATA_DIR) / found.folder, found.plan_id)
        # Its own page offers to drop a calibration file that does not read: no need to say so.
        context = {"period": found, "broken": [s for s in said if s != RESET_STOCK], "own": broken}
        return render(request, "web/phoi.html", context)
    return _page(request, found, folder, {})


def _page(
    request: HttpRequest,
    found: Period,
    folder: PeriodFolder,
    bound: dict[str, CalibrationForm],
    status: int = 200,
) -> HttpResponse:
    """The stock page, with a form kept as typed (and its errors) where a save was refused."""
    stocks = []
    for kind in stock_kinds(folder):
        calibration = folder.calibration(kind)
        form = bound.get(kind) or CalibrationForm(initial=_initial(calibration))
        version = hashlib.sha256(calibration_toml(calibration).encode()).hexdigest()[:12]
        own = kind in folder.calibrations
        stocks.append({"kind": kind, "calibration": calibration, "form": form, "own": own})
        stocks[-1]["version"] = version
        page = calibration.page  # "297 × 210", "300 × 212,5": as the form's inputs write them
        stocks[-1]["size"] = f"{_shown(page.width)} × {_shown(page.height)}"
    # The page is named by the certificates it lines up ("Căn chỉnh phôi Giấy khen").
    said = ", ".join(KINDS[s["kind"]] for s in stocks)
    context = {"period": found, "stocks": stocks, "stock": said} | _printing(found, folder)
    context |= _examples(folder)
    return render(request, "web/phoi.html", context, status=status)


def _printing(found: Period, folder: PeriodFolder) -> dict[str, Any]:
    """The certificates to print on the stock, from the last finished run of the period's
    documents (each file's index on the run's list), and what changed since that run."""
    run = found.runs.filter(status="done").order_by("-at", "-pk").first()
    if run is None:
        return {"run": None, "printable": [], "changed": ""}
    try:
        files = office_files(Path(settings.DATA_DIR) / run.folder, get_plan(found.plan_id))
    except HosoError:
        files = []
    # The stock's print (…/phoi/<award>/giay-khen.pdf) and its preview on a drawn frame.
    printable = [(i, f) for i, f in enumerate(files) if "/phoi/" in f.path and f.format == "PDF"]
    return {"run": run, "printable": printable, "changed": ", ".join(changed_since(folder, run.at))}


def _examples(folder: PeriodFolder) -> dict[str, Any]:
    """The units' and the council's workbooks that still hold example rows, for the notice the
    period page shows: the certificates printed from them would be fictional."""
    try:
        checked = check_period(folder, CHECKS)
    except HosoError:  # the period page says what does not read
        return {}
    return {"examples": example_units(checked), "council_examples": council_examples(checked)}


@require_POST
@requires("thi-dua")
@_refusing
def save(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Save the offset and boxes typed in the form as the period's calibration of a stock."""
    found, folder = _period(slug)
    current = _stock(folder, kind)
    form = CalibrationForm(request.POST)
    typed_ok = form.is_valid()
    target = _own_file(found, kind)
    try:
        # Checked even when some inputs are not numbers: every problem is shown at once.
        calibration = parse_calibration(_table(current, form.cleaned_data), target)
    except PlanError as exc:
        _form_errors(form, exc.problems)
    else:
        if typed_ok:
            _replace(target, calibration_toml(calibration).encode("utf-8"))
            audit(request, "sua-can-chinh-phoi", f"đợt {slug}", f"{kind}: {_summary(calibration)}")
            messages.success(request, _saved(calibration))
            return redirect("phoi", slug=slug)
    return _page(request, found, folder, {kind: form}, status=400)


def _table(current: Calibration, typed: dict[str, Any]) -> dict[str, Any]:
    """The calibration's table with the values typed in the form (the others, those a form of
    before did not post, as they are)."""
    table = as_table(current)
    for axis in ("x", "y"):
        table["offset"][axis] = typed.get(f"offset_{axis}", table["offset"][axis])
    for side in ("width", "height"):
        if typed.get(f"page_{side}") is not None:
            table["page"][side] = typed[f"page_{side}"]
    for key, box in table["fields"].items():
        box |= {a: typed[f"{key}-{a}"] for a in COLUMNS if f"{key}-{a}" in typed}
    return table


def _form_errors(form: CalibrationForm, problems: tuple[str, ...]) -> None:
    """The calibration's problems (`fields.nguoi_nhan.x: …`) shown at the inputs they concern."""
    for problem in problems:
        where, _, text = problem.partition(": ")
        parts = where.split(".")
        name = f"{parts[0]}_{parts[-1]}" if parts[0] in ("offset", "page") else "-".join(parts[1:])
        if name in form.fields:
            if name not in form.errors:  # a number Django refused already says so
                form.add_error(name, text)
        else:
            form.add_error(None, f"{stock_key(where)}: {text}")


@require_POST
@requires("thi-dua")
@_refusing
def upload(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Take a calibration file (as `hoso period certificates --test-page` leaves it) for a stock."""
    found, folder = _period(slug)
    _stock(folder, kind)
    data = request.FILES.get("tep")
    try:
        if data is None:
            raise UploadRefused("chưa chọn tệp căn chỉnh (.toml) để tải lên.")
        if data.size > MAX_FILE:
            raise UploadRefused(f"tệp quá lớn cho một tệp căn chỉnh (hơn {MAX_FILE // 1024} KB).")
        name = Path(data.name or "can-chinh.toml").name
        raw = data.read()
        calibration = parse_calibration(parse_toml(raw, Path(name), WHAT), Path(name))
        wrong = wrong_kind(calibration, kind)
        if wrong:
            raise UploadRefused(wrong)
    except HosoError as exc:
        messages.error(request, f"Không nhận tệp căn chỉnh: {stock_message(exc)}")
        return redirect("phoi", slug=slug)
    _replace(_own_file(found, kind), raw)
    audit(request, "tai-len-can-chinh-phoi", f"đợt {slug}", f"{kind}: {_summary(calibration)}")
    messages.success(request, _saved(calibration))
    return redirect("phoi", slug=slug)


@require_POST
@requires("thi-dua")
@_refusing
def reset(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Go back to hoso's calibration of a stock (the office's own file is kept aside)."""
    found = get_object_or_404(Period, slug=slug)
    target = _own_file(found, kind)
    if target.is_file():
        _keep(target)
        try:
            target.unlink()
        except OSError as exc:
            raise os_error(exc, target, "xóa") from None
        audit(request, "khoi-phuc-can-chinh-phoi", f"đợt {slug}", kind)
    messages.success(request, f"{KINDS[kind]} in theo căn chỉnh mặc định của hoso.")
    return redirect("phoi", slug=slug)


@require_GET
@requires("thi-dua")
@_refusing
def test_page(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The test page of a stock as a PDF, to print on plain paper and lay over the stock."""
    _, folder = _period(slug)
    pdf = draw_test_page(_stock(folder, kind))
    audit(request, "tai-trang-in-thu", f"đợt {slug}", kind)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="can-chinh-{kind}.pdf"'
    return response


@require_GET
@requires("thi-dua")
@_refusing
def test_page_image(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The test page as a small picture, so the boxes can be seen moving as they are edited."""
    _, folder = _period(slug)
    pdf = draw_test_page(_stock(folder, kind))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "trang.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-singlefile", str(source), str(Path(tmp) / "anh")],
            check=True,
            timeout=60,
            capture_output=True,
        )
        image = (Path(tmp) / "anh.png").read_bytes()
    return HttpResponse(image, content_type="image/png")


@require_GET
@requires("thi-dua")
@_refusing
def calibration_file(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The calibration of a stock as a TOML file (the office's own, else hoso's)."""
    _, folder = _period(slug)
    path = _stock(folder, kind).path
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"{kind}.toml")


def _replace(target: Path, data: bytes) -> None:
    """Write a calibration file whole, the version it replaces kept in can-chinh-phoi-cu/."""
    _clear_way(target.parent)
    if target.is_file():
        _keep(target)
    write_atomically(target, lambda tmp: tmp.write_bytes(data))


def _keep(target: Path) -> None:
    """Copy a calibration file into the period's can-chinh-phoi-cu/, stamped with the time."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
    kept = target.parent.parent / PREVIOUS / f"{target.stem}-{stamp}.toml"
    _clear_way(kept.parent)
    write_atomically(kept, lambda tmp: shutil.copyfile(target, tmp))


def _clear_way(folder: Path) -> None:
    """Refuse plainly when a file stands where a calibration folder goes: which file, and where
    in the data folder (the system's "file exists" would not say that it is in the way)."""
    if not folder.exists() or folder.is_dir():
        return
    data = Path(settings.DATA_DIR)
    where = folder.parent.relative_to(data) if folder.is_relative_to(data) else Path()
    raise HosoError(
        f"trong thư mục dữ liệu, ở {where}/, có một tệp tên “{folder.name}” nằm đúng chỗ của "
        f"thư mục căn chỉnh phôi {folder.name}/ nên không lưu được căn chỉnh; hãy đổi tên hoặc "
        "chuyển tệp đó đi rồi lưu lại."
    )


def _summary(calibration: Calibration) -> str:
    """The audit log's short account of a calibration: its offset."""
    offset = calibration.offset
    return f"dời {_shown(offset.x)} mm sang phải, {_shown(offset.y)} mm xuống dưới"


def _saved(calibration: Calibration) -> str:
    """What the office is told after a change."""
    return (
        f"Đã lưu căn chỉnh phôi {calibration.name} ({_summary(calibration)}). In thử lại trang "
        "căn chỉnh để so với phôi; văn bản của đợt tạo từ lần sau in theo căn chỉnh này."
    )
