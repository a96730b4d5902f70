"""The office creates a period: plan, review, office and signer, units, deadline, decision."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import RegexValidator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from pipeline.authoring.examples import proposal_date
from pipeline.check.findings import Findings
from pipeline.errors import HosoError, PlanError
from pipeline.files import os_error, write_atomically
from pipeline.inputs.legal import plan_on
from pipeline.inputs.plans import Plan, all_plans
from pipeline.period.config import MAX_NUMBER, Office, load_period
from pipeline.period.config import Period as PeriodFolder
from pipeline.period.config_edit import edited_config
from pipeline.period.issuer import derived_issuer
from pipeline.period.scaffold import create_period
from pipeline.period.settings import check_settings
from pipeline.vietnamese.numbers import grouped
from pipeline.vietnamese.text import nfc, slug, tone_key
from pipeline.web.access import audit, requires, role_of
from pipeline.web.demo import PERIODS
from pipeline.web.models import Period
from pipeline.web.periods import record_period
from pipeline.web.wording import for_office, problem_text

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
# Keys of dot-xet.toml → the form field its problem is shown beside.
FIELDS = {
    "plan": "plan",
    "review": "review",
    "deadline": "deadline",
    "decides": "decides",
    "units": "units",
    "office.name": "office_name",
    "office.authority": "authority",
    "office.signer_title": "signer_title",
    "office.signer_name": "signer_name",
    "office.place": "place",
    "office.code": "code",
    "office.date": "office_date",
    "office.number": "office_number",
    "decision.body": "decision_body",
    "decision.authority": "decision_authority",
    "decision.signer_title": "decision_signer_title",
    "decision.signer_name": "decision_signer_name",
    "decision.number": "decision_number",
    "decision.date": "decision_date",
}
# A text box, not type="date": a browser would show its own locale's order (mm/dd on English PCs).
DATE = forms.DateInput(attrs={"placeholder": "ngày/tháng/năm", "size": 12}, format="%d/%m/%Y")
# A name, a title, a number printed on one line of a document: no line break, no control character.
ONE_LINE = RegexValidator(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
    inverse_match=True,
    message="Chỉ ghi trên một dòng: không xuống dòng, không có ký tự điều khiển.",
)
_TAKEN = (
    "Đã có đợt xét tên “{}”: hai đợt cùng tên dễ nhầm khi chọn, nộp và tìm lại. Hãy ghi một tên "
    "khác cho đợt này (ví dụ thêm “bổ sung” hoặc “đợt 2”)."
)
AUTHORITIES = [("", "(không ghi)"), ("TM.", "TM."), ("KT.", "KT."), ("Q.", "Q.")]


# Django's own "Nhập một ngày hợp lệ." says neither what is wrong nor how to write it.
DATE_INVALID = "Ngày không đúng: ghi ngày/tháng/năm có thật, ví dụ 25/11/2026."


def date_field(label: str, required: bool = True) -> forms.DateField:
    """A date typed as ngày/tháng/năm (or YYYY-MM-DD), refused in words that say how to write it."""
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DATE,
        error_messages={"invalid": DATE_INVALID},
    )


def office_date_field() -> forms.DateField:
    """The consolidated Tờ trình's date (office.date): empty, hoso picks it."""
    return date_field("Ngày Tờ trình tổng hợp (để trống: hạn nộp)", required=False)


def office_number_field() -> forms.IntegerField:
    """The office's own Tờ trình number (office.number), as dot-xet.toml takes it: a whole
    number from 1 to MAX_NUMBER, hoso printing the rest ("Số: 45/TTr-UBND")."""
    return forms.IntegerField(
        label="Số Tờ trình của cơ quan (khi văn thư đã cấp số; cần cả ngày Tờ trình)",
        required=False,
        min_value=1,
        max_value=MAX_NUMBER,
        widget=forms.NumberInput({"size": 6}),
        error_messages={
            "min_value": "Số Tờ trình bắt đầu từ 1 trở lên.",
            "max_value": f"Số Tờ trình tối đa là {grouped(MAX_NUMBER)}.",
            "invalid": "Chỉ ghi số của Tờ trình, là một số nguyên, ví dụ 45 (hoso tự in phần "
            "“/TTr-” và ký hiệu cơ quan).",
        },
    )


def number_needs_date(form: forms.Form, data: dict[str, Any]) -> None:
    """A Tờ trình number with no date is refused at the date, as dot-xet.toml refuses it: the
    number alone would print a document dated by no one."""
    number = data.get("office_number")
    if number is not None and data.get("office_date") is None and "office_date" not in form.errors:
        form.add_error(
            "office_date",
            f"Tờ trình tổng hợp số {number} cần cả ngày ban hành: ghi ngày như văn thư đã ghi, "
            "hoặc để trống “Số Tờ trình của cơ quan” để in trống số, ngày cho văn thư ghi.",
        )


def _plans() -> dict[str, Plan]:
    return {p.id: p for p in all_plans()}


class PeriodForm(forms.Form):
    """What the office says about a new period (every key `hoso period init` writes)."""

    plan = forms.ChoiceField(label="Kế hoạch")
    # Any text: the review of another plan is refused by the period's own validation.
    review = forms.CharField(label="Đợt xét", max_length=100)
    title = forms.CharField(
        label="Tên đợt xét trên trang (để trống: tên đợt xét của kế hoạch và tên cơ quan)",
        required=False,
        max_length=300,
        validators=[ONE_LINE],
    )
    office_name = forms.CharField(label="Tên cơ quan nhận hồ sơ (tổng hợp, trình hoặc quyết định)")
    parent_body = forms.CharField(label="Cơ quan chủ quản", required=False)
    code = forms.CharField(label="Ký hiệu cơ quan trong số văn bản", initial="UBND")
    place = forms.CharField(label="Địa danh ghi trước ngày tháng", required=False)
    authority = forms.ChoiceField(label="Thẩm quyền ký", choices=AUTHORITIES, required=False)
    signer_title = forms.CharField(label="Chức vụ người ký", validators=[ONE_LINE])
    signer_name = forms.CharField(label="Họ và tên người ký", validators=[ONE_LINE])
    units = forms.CharField(
        label="Các đơn vị phải nộp (mỗi dòng một đơn vị, ghi như ô “Cơ quan trình khen”)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    deadline = date_field("Hạn nộp")
    office_date = office_date_field()
    office_number = office_number_field()
    decides = forms.MultipleChoiceField(
        label="Hình thức do chính cơ quan này quyết định", required=False
    )
    decision_body = forms.CharField(
        label="Cơ quan ban hành quyết định (để trống: cơ quan nhận hồ sơ)", required=False
    )
    decision_authority = forms.ChoiceField(
        label="Thẩm quyền ký quyết định", choices=AUTHORITIES, required=False
    )
    decision_signer_title = forms.CharField(
        label="Chức vụ người ký quyết định (để trống: người ký ở trên)", required=False
    )
    decision_signer_name = forms.CharField(label="Họ và tên người ký quyết định", required=False)
    decision_number = forms.CharField(label="Số quyết định khen thưởng", required=False)
    decision_date = date_field("Ngày quyết định", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        plans = _plans()
        self.fields["plan"].choices = [
            choice for _, group in plan_groups(list(plans.values())) for choice in group
        ]
        # Not an award each unit's own head decides: the office neither decides nor counts it.
        awards = {a.id: a.name for p in plans.values() for a in p.awards if not a.decided_by_unit}
        self.fields["decides"].choices = list(awards.items())

    def clean_units(self) -> list[str]:
        """One unit a line, each once."""
        names = [nfc(" ".join(line.split())) for line in self.cleaned_data["units"].splitlines()]
        names = [n for n in names if n]
        seen: dict[str, str] = {}
        for name in names:
            if tone_key(name) in seen:
                raise forms.ValidationError(f"Đơn vị “{name}” được ghi hai lần.")
            seen[tone_key(name)] = name
        if not names:
            raise forms.ValidationError("Hãy ghi ít nhất một đơn vị.")
        return names

    def clean(self) -> dict[str, Any]:
        """A decision's number or date only for awards decided here; its signer whole; a title
        no other period has (two periods of one name are confused when choosing, submitting)."""
        data = super().clean()
        decided = data.get("decision_number") or data.get("decision_date")
        if decided and not data.get("decides"):
            self.add_error(
                "decides",
                "Có số hoặc ngày quyết định thì hãy chọn hình thức do cơ quan này quyết định.",
            )
        # No body typed: a higher body's head may be the signer; said after the period is read.
        whole_decision_signer(self, data, derived=not data.get("decision_body"))
        number_needs_date(self, data)
        title = self.title_of(data)
        taken = next(
            (p for p in Period.objects.all() if tone_key(p.title) == tone_key(title)), None
        )
        if title and taken is not None:
            self.add_error("title", _TAKEN.format(taken.title))
        return data

    def clean_title(self) -> str:
        """The title typed, on one line with single spaces."""
        return nfc(" ".join(self.cleaned_data["title"].split()))

    def title_of(self, data: dict[str, Any]) -> str:
        """The period's title: the one typed, else the plan's review and the office ("" while
        the plan, review or office is not known)."""
        typed = data.get("title") or ""
        plan = _plans().get(str(data.get("plan")))
        review = (
            next((r for r in plan.reviews if r.id == data.get("review")), None) if plan else None
        )
        if typed or review is None or not data.get("office_name"):
            return typed
        return f"{review.label}: {nfc(' '.join(data['office_name'].split()))}"


def plan_groups(plans: list[Plan]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The plans as a person picks one: (issuing body with its province, [(id, title, number and
    year)]), the body "" when all come from one; the plan's id is only the value sent."""
    groups: dict[str, list[Plan]] = {}
    for plan in plans:
        issuer = plan.issuer
        where = (
            "" if tone_key(issuer.province) in tone_key(issuer.name) else f" ({issuer.province})"
        )
        groups.setdefault(issuer.name + where, []).append(plan)
    options = [
        (body, [(p.id, _plan_label(p)) for p in sorted(found, key=lambda p: -p.document.year)])
        for body, found in sorted(groups.items(), key=lambda g: tone_key(g[0]))
    ]
    return [("", options[0][1])] if len(options) == 1 else options


def _plan_label(plan: Plan) -> str:
    """A plan as its office names it: its title, its number when known, its year."""
    number = f"số {plan.document.number}, " if plan.document.number else ""
    return f"{plan.document.title} ({number}năm {plan.document.year})"


WHOLE_SIGNER = "Ghi cả chức vụ và họ tên người ký quyết định (hoặc để trống cả hai)."


def whole_decision_signer(form: forms.Form, data: dict[str, Any], derived: bool = False) -> None:
    """The decision's signer given whole (title and name) or not at all, said at the empty one;
    `derived`: a higher body issues it, its head's title ("Chủ tịch") printed when none is given."""
    title, name = data.get("decision_signer_title"), data.get("decision_signer_name")
    if bool(title) != bool(name) and not (derived and name):
        form.add_error("decision_signer_name" if title else "decision_signer_title", WHOLE_SIGNER)


def _settings(data: dict[str, Any]) -> dict[str, Any]:
    """The [period] settings `config_text` writes: decides and [decision]."""
    given = {
        "body": data["decision_body"],
        "authority": data["decision_authority"],
        "signer_title": data["decision_signer_title"],
        "signer_name": data["decision_signer_name"],
        "number": data["decision_number"],
        "date": data["decision_date"],
    }
    decision = {key: value for key, value in given.items() if value}
    return {"decides": data["decides"], "decision": decision}


def _office(data: dict[str, Any]) -> Office:
    return Office(
        name=data["office_name"],
        parent_body=data["parent_body"],
        code=data["code"],
        place=data["place"],
        authority=data["authority"],
        signer_title=data["signer_title"],
        signer_name=data["signer_name"],
    )


def _with_to_trinh(created: PeriodFolder, data: dict[str, Any]) -> PeriodFolder:
    """The new period with its Tờ trình's date and number when given (the form checked them as
    dot-xet.toml does), written on the lines `hoso period init` leaves commented."""
    given = {("office", "date"): data["office_date"], ("office", "number"): data["office_number"]}
    changes = {key: value for key, value in given.items() if value is not None}
    if not changes:
        return created
    path = created.config_path
    try:
        text = edited_config(path.read_text(encoding="utf-8"), changes)
        write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        raise os_error(exc, path, "ghi") from None
    return load_period(created.folder)


def _new_slug(data: dict[str, Any]) -> str:
    """A slug no period has yet: the review and the office's name."""
    base = slug(f"{data['review']} {data['office_name']}", max_length=60)
    taken = set(Period.objects.values_list("slug", flat=True))
    root = Path(settings.DATA_DIR) / PERIODS
    candidates = (base if n == 1 else f"{base}-{n}" for n in range(1, 1000))
    return next(c for c in candidates if c not in taken and not (root / c).exists())


def _show_problems(form: PeriodForm, error: PlanError) -> None:
    """Each `key: message` of dot-xet.toml's validation beside its field (else above the form)."""
    if not error.problems:
        form.add_error(None, for_office(_without_folders(str(error))))
    for problem in error.problems:
        key = problem.partition(": ")[0]
        field = FIELDS.get(key.split("[", 1)[0])
        if field is None and key.startswith("units["):
            field = "units"
        said = problem_text(_without_folders(problem), form.cleaned_data["plan"])
        form.add_error(field, said.partition(": ")[2] if field else said)


def _without_folders(text: str) -> str:
    """A message with no path of the server: a file named inside the new period's folder."""
    return re.sub(rf"{re.escape(str(Path(settings.DATA_DIR) / PERIODS))}/[^/\s]+/?", "", text)


@requires("thi-dua", "quan-tri")
def new_period(request: HttpRequest) -> HttpResponse:
    """The form; on a valid POST, the period folder, its records and the audit entry."""
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        name = _new_slug(data)
        try:
            made = create_period(
                Path(settings.DATA_DIR) / PERIODS / name,
                _plans()[data["plan"]],
                data["review"],
                _office(data),
                data["deadline"],
                data["units"],
                _settings(data),
            )
            created = _with_to_trinh(made, data)
        except PlanError as exc:
            _show_problems(form, exc)
        except HosoError as exc:
            form.add_error(None, for_office(_without_folders(str(exc))))
        else:
            if _undecidable(form, created):
                # Neither field can be changed once the period runs: made again, not mended.
                shutil.rmtree(created.folder, ignore_errors=True)
                return _form_page(request, form)
            period = record_period(name, created, data["title"])
            detail = f"{created.plan.id}/{created.review.id}, {len(data['units'])} đơn vị"
            audit(request, "tao-dot-xet", f"đợt {name}", detail)
            messages.success(request, f"Đã tạo đợt xét “{period.title}”.")
            if role_of(request.user) == "thi-dua":
                return redirect("dot-xet", slug=name)
            return redirect("home")
    return _form_page(request, form)


def _form_page(request: HttpRequest, form: PeriodForm) -> HttpResponse:
    """The new-period form, as filled, with its errors."""
    plan = _plans().get(str(form["plan"].value() or ""), _first_plan())
    context = {"form": form, "plan_groups": plan_groups(all_plans()), **_plan_parts(form, plan)}
    return render(request, "web/dot_xet_moi.html", context)


def _undecidable(form: PeriodForm, created: PeriodFolder) -> bool:
    """Whether an award decided here has no Quyết định its issuing body could sign (the body
    typed, or the office, cannot decide it), said beside the field as `hoso period check` says
    it at decision.body or decides[i] (the edit page changes neither, so the period is refused);
    or a signer's name with no title, for a Quyết định no higher body's head signs."""
    findings = Findings()
    check_settings(findings, created, [], None)
    refused = [f for f in findings.errors if f.code in ("period-decider", "period-decider-ended")]
    for finding in refused:
        key = finding.source.cell or ""
        form.add_error(FIELDS.get(key.split("[", 1)[0]), for_office(finding.message))
    data = form.cleaned_data
    alone = data["decision_signer_name"] and not data["decision_signer_title"]
    if alone and derived_issuer(created) is None:  # the office's title beside another's name
        form.add_error("decision_signer_title", WHOLE_SIGNER)
        return True
    return bool(refused)


def _first_plan() -> Plan:
    """The plan the form starts on: that of the office's newest period (an office works under
    one plan for years), else the first one listed."""
    plans = _plans()
    newest = Period.objects.filter(plan_id__in=list(plans)).order_by("-pk").first()
    if newest is not None:
        return plans[newest.plan_id]
    return plans[plan_groups(list(plans.values()))[0][1][0][0]]


def _plan_parts(form: PeriodForm, plan: Plan) -> dict[str, Any]:
    """The review dropdown and the award boxes of one plan, with what the form holds; the awards
    named as on the chosen review's usual Tờ trình date (a merged province's successor)."""
    chosen = form["decides"].value() or []
    review = plan.review(form["review"].value() or "")
    if review is not None:
        plan = plan_on(plan, proposal_date(review))
    return {
        "plan": plan,
        "reviews": [(r.id, r.label) for r in plan.reviews],
        "review_value": form["review"].value() or "",
        "awards": [(a.id, a.name, a.id in chosen) for a in plan.awards if not a.decided_by_unit],
        "by_unit": [a.name for a in plan.awards if a.decided_by_unit],
    }


@require_GET
@requires("thi-dua", "quan-tri")
def plan_parts(request: HttpRequest) -> HttpResponse:
    """The part of the form that follows the plan (htmx swaps it when the plan changes)."""
    # Unbound, with what the page holds: a plan just chosen is no answer to check (its review
    # is not picked yet, and "required" beside it would be said before anything was sent).
    given = {"review": request.GET.get("review", ""), "decides": request.GET.getlist("decides")}
    form = PeriodForm(initial=given)
    plan = _plans().get(request.GET.get("plan", ""), _first_plan())
    return render(request, "web/_dot_xet_ke_hoach.html", {"form": form, **_plan_parts(form, plan)})
