"""The office changes a period after creating it: the deadline, the expected units, the signers,
the Quyết định's number and date once it is issued, the first register number (when the office
decides an award). dot-xet.toml is changed in place (pipeline.period.config_edit) and checked
before it is written; the old version is kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from pipeline.errors import HosoError, PlanError
from pipeline.inputs.plans import Award
from pipeline.period.check import check_period
from pipeline.period.config import MAX_REGISTER
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.config_edit import Key, save_config
from pipeline.period.issuer import derived_issuer
from pipeline.vietnamese.numbers import grouped
from pipeline.vietnamese.text import nfc, tone_key
from pipeline.web.access import audit, requires
from pipeline.web.check_cache import CHECKS
from pipeline.web.models import Period, Upload
from pipeline.web.office import issued_by
from pipeline.web.period_new import (
    AUTHORITIES,
    ONE_LINE,
    date_field,
    number_needs_date,
    office_date_field,
    office_number_field,
    whole_decision_signer,
)
from pipeline.web.periods import folder_of, record_period
from pipeline.web.wording import UNREADABLE, certificates, office_error, problem_text

# Each field of the form → the key of dot-xet.toml it changes.
KEYS: dict[str, Key] = {
    "deadline": ("", "deadline"),
    "office_date": ("office", "date"),
    "office_number": ("office", "number"),
    "parent_body": ("office", "parent_body"),
    "place": ("office", "place"),
    "authority": ("office", "authority"),
    "signer_title": ("office", "signer_title"),
    "signer_name": ("office", "signer_name"),
    "decision_authority": ("decision", "authority"),
    "decision_signer_title": ("decision", "signer_title"),
    "decision_signer_name": ("decision", "signer_name"),
    "decision_number": ("decision", "number"),
    "decision_date": ("decision", "date"),
    "register_start": ("decision", "register_start"),
}
# Emptied: the key goes, its default applies (no number: blank for the văn thư to write).
OPTIONAL_DATES = ("office_date", "office_number", "decision_date")


class PeriodEditForm(forms.Form):
    """What the office may change once the period runs."""

    deadline = date_field("Hạn nộp")
    office_date = office_date_field()
    office_number = office_number_field()
    # The period check asks for these too (a place to date the documents, no parent body above a
    # Ủy ban nhân dân): the office fixes them here, as it was told where.
    parent_body = forms.CharField(label="Cơ quan chủ quản", required=False, validators=[ONE_LINE])
    place = forms.CharField(
        label="Địa danh ghi trước ngày tháng", required=False, validators=[ONE_LINE]
    )
    authority = forms.ChoiceField(label="Thẩm quyền ký", choices=AUTHORITIES, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", validators=[ONE_LINE])
    signer_name = forms.CharField(label="Họ và tên người ký", validators=[ONE_LINE])
    decision_authority = forms.ChoiceField(
        label="Thẩm quyền ký quyết định", choices=AUTHORITIES, required=False
    )
    decision_signer_title = forms.CharField(
        label="Chức vụ người ký quyết định (để trống: người ký ở trên)",
        required=False,
        validators=[ONE_LINE],
    )
    decision_signer_name = forms.CharField(
        label="Họ và tên người ký quyết định", required=False, validators=[ONE_LINE]
    )
    decision_number = forms.CharField(
        label="Số quyết định khen thưởng (khi đã ban hành)", required=False, validators=[ONE_LINE]
    )
    decision_date = date_field("Ngày quyết định", required=False)
    register_start = forms.IntegerField(
        label="Số sổ vàng bắt đầu (người đầu tiên của quyết định)",
        help_text="Số thứ tự trong sổ vàng (sổ theo dõi khen thưởng) của cơ quan dành cho người "
        "hoặc tập thể đầu tiên được khen trong quyết định này, in trên phôi (“Số sổ vàng: …”); "
        "những người sau được đánh số tiếp theo: số này +1, +2… Thường là số kế tiếp số cuối "
        "cùng đã ghi trong sổ.",
        min_value=1,
        max_value=MAX_REGISTER,  # TOML's integers stop at 2^63: a longer one breaks the file
        widget=forms.NumberInput({"size": 6, "aria-describedby": "id_register_start_help"}),
        # Django's own Vietnamese here reads "lớn hơn hoặc bằng với 1 ." (sic).
        error_messages={
            "min_value": "Số sổ vàng bắt đầu từ 1 trở lên.",
            "max_value": f"Số sổ vàng tối đa là {grouped(MAX_REGISTER)}.",
            "invalid": "Hãy ghi một số nguyên.",
        },
    )

    new_units = forms.CharField(
        label="Thêm đơn vị phải nộp (mỗi dòng một đơn vị, ghi như ô “Cơ quan trình khen”)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    remove_units = forms.MultipleChoiceField(
        label="Bỏ khỏi danh sách phải nộp (chỉ đơn vị chưa tải lên, chưa nộp gì)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        # A unit that sent something since the page was drawn (or a forged name).
        error_messages={
            "invalid_choice": "Đơn vị “%(value)s” đã tải lên hoặc đã nộp tệp (hoặc không có trong "
            "đợt xét): không bỏ được."
        },
    )

    def __init__(
        self,
        *args: Any,
        known: Sequence[str] = (),
        removable: Sequence[str] = (),
        derived: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.derived = derived  # a higher body issues the Quyết định: its head's title by default
        self.known = {tone_key(name): name for name in known}
        self.fields["remove_units"].choices = [(name, name) for name in removable]

    def clean_new_units(self) -> list[str]:
        """One unit a line, none the period already expects, each once."""
        names = [
            nfc(" ".join(line.split())) for line in self.cleaned_data["new_units"].splitlines()
        ]
        seen = dict(self.known)
        for name in filter(None, names):
            if tone_key(name) in seen:
                raise forms.ValidationError(f"Đơn vị “{name}” đã có trong đợt xét.")
            seen[tone_key(name)] = name
        return [n for n in names if n]

    def clean(self) -> dict[str, Any]:
        """The decision's signer whole (both or neither); a Tờ trình number with its date."""
        data = super().clean()
        whole_decision_signer(self, data, self.derived)
        number_needs_date(self, data)
        return data


def _current(folder: PeriodFolder) -> dict[str, Any]:
    """The form's values as dot-xet.toml has them now."""
    config = folder.config
    office, decision = config.office, config.decision
    return {
        "deadline": config.deadline,
        "office_date": office.date,
        "office_number": office.number,
        "parent_body": office.parent_body,
        "place": office.place,
        "authority": office.authority,
        "signer_title": office.signer_title,
        "signer_name": office.signer_name,
        "decision_authority": decision.authority,
        "decision_signer_title": decision.signer_title,
        "decision_signer_name": decision.signer_name,
        "decision_number": decision.number,
        "decision_date": decision.date,
        "register_start": decision.register_start,
    }


@requires("thi-dua")
def edit_period(request: HttpRequest, slug: str) -> HttpResponse:
    """The form; a valid change is written to dot-xet.toml (only the keys that changed)."""
    found = get_object_or_404(Period, slug=slug)
    try:
        folder = folder_of(found)
    except HosoError:
        # The period's page says what is wrong, each problem by its field (load_problems).
        messages.error(request, f"Chưa sửa được đợt xét: {UNREADABLE}")
        return redirect("dot-xet", slug=slug)
    now = _current(folder)
    known = [u.name for u in folder.config.units]
    removable = _removable(found, folder)
    derived = derived_issuer(folder) is not None
    form = PeriodEditForm(
        request.POST or None, initial=now, known=known, removable=removable, derived=derived
    )
    upward, decides = _upward(folder), bool(folder.decided)
    _without_unused(form, bool(upward), decides)
    if request.method == "POST" and form.is_valid():
        units = form.cleaned_data.pop("new_units")
        removed = form.cleaned_data.pop("remove_units")
        changes = {
            KEYS[name]: (None if value is None and name in OPTIONAL_DATES else value)
            for name, value in form.cleaned_data.items()
            if value != now[name] and not (value in ("", None) and now[name] in ("", None))
        }
        try:
            if changes or units or removed:
                stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
                record_period(slug, save_config(folder, changes, stamp, units, removed))
        except PlanError as exc:
            fields = {".".join(k for k in key if k): name for name, key in KEYS.items()}
            for problem in exc.problems:
                key = problem.partition(": ")[0]
                field = fields.get(key) or ("new_units" if key.startswith("units[") else None)
                said = problem_text(problem, found.plan_id, folder.folder)
                form.add_error(field, said.partition(": ")[2] if field else said)
            if not exc.problems:
                form.add_error(None, office_error(exc, folder.folder))
        except HosoError as exc:
            form.add_error(None, office_error(exc, folder.folder))
        else:
            # The log is read in a browser: each change said as its field, not its key.
            what = [label(name) for name in KEYS if KEYS[name] in changes]
            what += [f"thêm đơn vị “{name}”" for name in units]
            what += [f"bỏ đơn vị “{name}”" for name in removed]
            if what:
                audit(request, "sua-dot-xet", f"đợt {slug}", ", ".join(what))
            messages.success(request, _said(bool(what)))
            return redirect("dot-xet", slug=slug)
    kept = [name for name in known if name not in removable]
    context = {"period": found, "form": form, "units": known, "kept": kept}
    context["decides"] = decides
    context["upward"] = ", ".join(dict.fromkeys(a.short_name for a in upward))
    context["issued_by"] = issued_by(folder)  # whose signer the decision's fields are
    context["stock"] = certificates(folder)  # the certificates the number is printed on
    return render(request, "web/dot_xet_sua.html", context)


def _without_unused(form: PeriodEditForm, upward: bool, decides: bool) -> None:
    """The form without the fields of a document the period does not make, neither shown nor
    changed (their stored values kept): the Tờ trình tổng hợp's when no award goes up, the first
    register number when the office decides none (no Quyết định, no certificates, no register)."""
    if not upward:
        del form.fields["office_date"], form.fields["office_number"]
    if not decides:
        del form.fields["register_start"]


def _upward(folder: PeriodFolder) -> list[Award]:
    """The plan's awards the office proposes upward (with its Tờ trình tổng hợp): the ones it
    examines and does not decide itself."""
    decides = folder.config.decides
    return [a for a in folder.plan.awards if not a.decided_by_unit and a.id not in decides]


def _removable(period: Period, folder: PeriodFolder) -> list[str]:
    """The expected units that may leave the period: nothing in don-vi/ matched to them (by name
    or file, as the period check matches) and no version uploaded here."""
    sent = {u.name for u in check_period(folder, CHECKS).units if u.file is not None}
    uploaded = set(
        Upload.objects.filter(proposal__period=period).values_list(
            "proposal__unit__name", flat=True
        )
    )
    return [
        u.name
        for u in folder.config.units
        if u.name not in sent and tone_key(u.name) not in {tone_key(n) for n in uploaded}
    ]


def label(name: str) -> str:
    """A field's label without its hint ("Ngày Tờ trình tổng hợp")."""
    return str(PeriodEditForm.base_fields[name].label).split(" (")[0]


def _said(changed: bool) -> str:
    """What the office is told after saving."""
    if not changed:
        return "Không có gì thay đổi."
    return (
        "Đã lưu thay đổi của đợt xét (bản trước khi sửa được giữ lại). Văn bản của đợt tạo "
        "từ lần “Tạo văn bản của đợt” tiếp theo dùng thông tin mới."
    )
