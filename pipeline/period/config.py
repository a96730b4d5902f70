"""A review period's folder: `dot-xet.toml` (the office, its units, the deadline) and `don-vi/`."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field

from pipeline.authoring.examples import proposal_date
from pipeline.errors import PlanError
from pipeline.files import reason
from pipeline.inputs import legal
from pipeline.inputs.certificates import (
    KINDS,
    Calibration,
    builtin_calibration,
    load_calibration,
    wrong_kind,
)
from pipeline.inputs.plans import Award, Plan, Review, get_plan
from pipeline.inputs.toml import invalid, read_toml, validate
from pipeline.period.units import unit_key
from pipeline.resources import PLANS_DIR
from pipeline.vietnamese import slug

CONFIG_FILE = "dot-xet.toml"
UNITS_DIR = "don-vi"
UNITS_OUT = "don-vi"  # OUT/don-vi/<workbook>/: each unit's dossier, as `hoso build` makes it
OFFICE_OUT = "tong-hop"  # OUT/tong-hop/<award id>/: the office's Tờ trình and list
STOCK_DIR = "can-chinh-phoi"  # the office's own calibrations: <kind>.toml (else the shipped ones)
WHAT = "tệp cấu hình đợt xét"
MAX_REGISTER = 999_999_999  # the largest first số sổ vàng (TOML integers stop at 2^63)
MAX_NUMBER = 99_999  # the largest số of a Tờ trình (a year's documents of one office)
# A unit's Tờ trình number as its văn thư wrote it: "12/TTr-UBND", "05/TTr-UBND.VX".
TO_TRINH_NUMBER = re.compile(r"(\d{1,5})/([^\W_][\w.-]*)")

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)


@dataclass(frozen=True)
class Office:
    """The office that receives the units' dossiers (and consolidates or decides)."""

    __pydantic_config__ = _STRICT
    name: str  # "Ủy ban nhân dân huyện Bù Gia Mập"
    parent_body: str = ""  # cơ quan chủ quản: "Ủy ban nhân dân tỉnh Bình Phước"
    code: str = "UBND"  # ký hiệu cơ quan, in document numbers: "Số: …/TTr-UBND"
    place: str = ""  # địa danh: "Bù Gia Mập"
    authority: Literal["", "TM.", "KT.", "Q."] = ""
    signer_title: str = ""
    signer_name: str = ""
    # The consolidated Tờ trình's date. Default: the deadline, or the last of the units' Tờ
    # trình, receipts and the office council's meeting when later (see consolidate._date).
    date: dt.date | None = None
    # Its number once the văn thư has issued it ("Số: 45/TTr-<code>"), given with its date;
    # None: both left blank for the văn thư, as a unit's Tờ trình without a number.
    number: Annotated[int, Field(strict=True, ge=1, le=MAX_NUMBER)] | None = None
    council_body: str = ""  # whose Hội đồng Thi đua - Khen thưởng votes (see council_body())
    distribution: tuple[str, ...] = ("Như trên", "Lưu: VT")


@dataclass(frozen=True)
class Decision:
    """The Quyết định khen thưởng of the awards decided here: who issues and signs it, its number."""

    __pydantic_config__ = _STRICT
    body: str = ""  # who issues it: "Ủy ban nhân dân huyện Mường Khương" (default: the office)
    parent_body: str = ""
    code: str = ""  # ký hiệu: "UBND" (default: the office's)
    place: str = ""  # default: the office's
    authority: Literal["", "TM.", "KT.", "Q."] = ""
    signer_title: str = ""  # "Chủ tịch" (default: the office's signer)
    signer_name: str = ""
    number: str = ""  # "125/QĐ-UBND" as written, or "125" (completed by numbered())
    date: dt.date | None = None
    # Nơi nhận, one recipient per item (default: "Như Điều 3" and "Lưu: VT, <office code>").
    distribution: tuple[str, ...] = ()
    # The first số sổ vàng (a register numbers its entries in the millions at most).
    register_start: Annotated[int, Field(strict=True, ge=1, le=MAX_REGISTER)] = 1

    def numbered(self, code: str) -> str:
        """Its whole number: a number written alone ("125") with the issuer's symbol."""
        return f"{self.number}/QĐ-{code}" if self.number.isdigit() else self.number

    def filled(self, office: Office) -> Decision:
        """The decision with what it leaves empty taken from the office."""
        signer = (self.authority, self.signer_title, self.signer_name)
        if not self.signer_title:
            signer = (office.authority, office.signer_title, office.signer_name)
        return replace(
            self,
            body=self.body or office.name,
            parent_body=self.parent_body if self.body else office.parent_body,
            code=self.code or office.code,
            number=self.numbered(self.code or office.code),
            place=self.place or office.place,
            authority=signer[0],
            signer_title=signer[1],
            signer_name=signer[2],
        )


@dataclass(frozen=True)
class ExpectedUnit:
    """A unit expected to send a workbook; matched by the proposing body's name or the file."""

    __pydantic_config__ = _STRICT
    name: str  # as its workbook writes "Cơ quan trình khen"
    file: str = ""  # the workbook's file name in don-vi/, when the office names it
    received: dt.date | None = None  # the day the office received it (default: the file's date)
    # The unit's Tờ trình as the office recorded it on receipt (sổ công văn đến): its whole
    # number, the unit's own symbol included ("12/TTr-UBND"), and its date. The office's Tờ
    # trình cites it so; without it, by what the unit's workbook gives (rarely: the văn thư
    # numbers a Tờ trình when it is signed, after the workbook is filled).
    to_trinh: str = ""
    to_trinh_date: dt.date | None = None


@dataclass(frozen=True)
class PeriodConfig:
    """What `dot-xet.toml` says, validated like a plan preset."""

    __pydantic_config__ = _STRICT
    plan: str
    review: str
    office: Office
    deadline: dt.date | None = None
    decides: tuple[str, ...] = ()  # award ids decided by this office (else: proposed upward)
    decision: Decision = Decision()
    units: tuple[ExpectedUnit, ...] = ()
    legal: str = ""  # the office's own legal file, relative to the period folder
    signed: bool = False  # units submit signed PDFs too, in don-vi/<workbook name>/
    trust: str = ""  # with signed: the office's trust folder (CA certificates, CRLs), relative
    templates: str = ""  # the office's own Word templates for the units' dossiers, relative


@dataclass(frozen=True)
class Period:
    """A loaded period: its folder, its configuration and the plan and review it belongs to."""

    folder: Path
    config: PeriodConfig
    plan: Plan
    review: Review
    calibrations: Mapping[str, Calibration] = field(default_factory=dict)

    @property
    def config_path(self) -> Path:
        """The period's configuration file."""
        return self.folder / CONFIG_FILE

    @property
    def units_dir(self) -> Path:
        """The folder the units' workbooks are put in."""
        return self.folder / UNITS_DIR

    @property
    def legal_file(self) -> Path | None:
        """The office's own legal file, when dot-xet.toml names one."""
        return self.folder / self.config.legal if self.config.legal else None

    @property
    def trust_dir(self) -> Path | None:
        """The folder of CA certificates and CRLs signed submissions are checked against."""
        return self.folder / self.config.trust if self.config.trust else None

    @property
    def templates_dir(self) -> Path | None:
        """The office's own templates the units' dossiers are made with (as `hoso build --templates`)."""
        return self.folder / self.config.templates if self.config.templates else None

    @property
    def stock_dir(self) -> Path:
        """The folder of the office's own certificate calibrations."""
        return self.folder / STOCK_DIR

    def calibration(self, kind: str) -> Calibration:
        """The calibration certificates of a kind are printed with: the office's, else hoso's."""
        return self.calibrations.get(kind) or builtin_calibration(kind)

    @property
    def certificates(self) -> str:
        """The certificates the period prints, named as its award is ("Giấy khen"; "Bằng khen,
        Giấy khen" when it decides both; "" when the office decides no award)."""
        return ", ".join(KINDS[k] for k in sorted({certificate_kind(a) for a in self.decided}))

    @property
    def decided(self) -> tuple[Award, ...]:
        """The plan's awards this office decides itself (not one each unit's head decides, even
        listed under decides: `hoso period check` warns of it)."""
        return tuple(
            a for a in self.plan.awards if a.id in self.config.decides and not a.decided_by_unit
        )


def certificate_kind(award: Award) -> str:
    """Which stock an award is printed on: "bang-khen" or "giay-khen"."""
    return "bang-khen" if slug(award.short_name).startswith("bang-khen") else "giay-khen"


def load_period(folder: Path, plans_dir: Path = PLANS_DIR) -> Period:
    """Read and validate a period folder; PlanError naming the file and key on any problem."""
    path = folder / CONFIG_FILE
    if trouble := _not_a_file(path):
        raise PlanError(trouble)
    # A folder inside a period (its don-vi/, ket-qua/don-vi/) is named with the period's own.
    inside = next((p for p in folder.parents[:3] if (p / CONFIG_FILE).is_file()), None)
    if not path.is_file() and inside is not None:
        raise PlanError(
            f"{folder}: không có {CONFIG_FILE}: đây là thư mục bên trong đợt xét {inside}; hãy "
            f"chỉ thư mục của đợt xét, ví dụ “hoso period check {inside}”."
        )
    if not path.is_file():
        raise PlanError(
            f"{folder}: không có {CONFIG_FILE}; tạo đợt xét bằng "
            f"“hoso period init {folder} --plan … --review …”."
        )
    return period_from(folder, read_toml(path, WHAT), plans_dir)


def _not_a_file(path: Path) -> str:
    """What keeps dot-xet.toml, present, from being read as a file (a folder of that name, a
    link to nothing, a folder that may not be searched), said with its path; "" otherwise."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not path.is_symlink():
            return ""
        return (
            f"{path}: là liên kết (symlink) tới {os.readlink(path)}, nơi không có tệp nào; hãy "
            f"thay liên kết bằng tệp {CONFIG_FILE} của đợt xét."
        )
    except OSError as exc:
        return f"{path}: không đọc được cấu hình đợt xét ({reason(exc, 'đọc')})."
    if stat.S_ISDIR(mode):
        inner = " (trong đó có tệp cùng tên: hãy chuyển tệp ấy ra ngoài)"
        inner = inner if (path / CONFIG_FILE).is_file() else ""
        return (
            f"{path}: là một thư mục, không phải tệp cấu hình của đợt xét{inner}; hãy đổi tên "
            f"hoặc chuyển thư mục đó đi rồi đặt tệp {CONFIG_FILE} vào {path.parent}."
        )
    if not stat.S_ISREG(mode):
        return (
            f"{path}: không phải một tệp thường (có thể là thiết bị, ống dẫn hay socket) nên không "
            f"đọc được cấu hình đợt xét; hãy thay bằng tệp {CONFIG_FILE} của đợt xét."
        )
    return ""


def period_from(folder: Path, raw: dict[str, Any], plans_dir: Path = PLANS_DIR) -> Period:
    """A period from the parsed table of its dot-xet.toml (a changed text is checked with it
    before it is written); PlanError naming the file and key on any problem."""
    path = folder / CONFIG_FILE
    raw, refused = _numbers(raw)
    if refused:
        raise invalid(path, WHAT, refused)
    try:
        config = validate(raw, PeriodConfig, path, WHAT)
    except PlanError as exc:  # a units entry said as a person counts it, named
        raise _invalid(path, list(exc.problems), _raw_names(raw)) from None
    problems: list[str] = []
    if config.office.number is not None and config.office.date is None:
        problems.append(
            f"office.number: Tờ trình tổng hợp số {config.office.number} cần cả ngày ban hành: "
            "ghi office.date (YYYY-MM-DD) như văn thư đã ghi, hoặc xóa number để in trống số, ngày"
        )
    try:
        plan = get_plan(config.plan, plans_dir)
    except PlanError as exc:
        raise invalid(path, WHAT, [f"plan: {exc}"]) from None
    review = plan.review(config.review)
    if review is None:
        known = ", ".join(r.id for r in plan.reviews)
        problems.append(f"review: kế hoạch {plan.id} không có đợt “{config.review}” ({known})")
    for i, award_id in enumerate(config.decides):
        if plan.award(award_id) is None:
            known = ", ".join(a.id for a in plan.awards)
            problems.append(f"decides[{i}]: không có hình thức “{award_id}” ({known})")
        elif award_id in config.decides[:i]:
            problems.append(f"decides[{i}]: “{award_id}” đã ghi ở trên; hãy xóa một lần")
    problems += _unit_problems(config.units)
    problems += _blank_lines("office.distribution", config.office.distribution)
    problems += _blank_lines("decision.distribution", config.decision.distribution)
    if config.legal and not (folder / config.legal).is_file():
        problems.append(f"legal: không có tệp {folder / config.legal}")
    if config.trust and not (folder / config.trust).is_dir():
        problems.append(f"trust: không có thư mục {folder / config.trust}")
    if config.templates and not (folder / config.templates).is_dir():
        problems.append(f"templates: không có thư mục {folder / config.templates}")
    if problems or review is None:
        raise _invalid(path, problems, [u.name for u in config.units])
    own = folder / config.legal if config.legal else None
    with legal.using(own):
        plan = legal.plan_on(plan, period_day(config, review))
    return Period(folder, config, plan, review, own_calibrations(folder / STOCK_DIR))


def period_day(config: PeriodConfig, review: Review) -> dt.date:
    """The day a period's papers are of: its Quyết định's, its Tờ trình's, its deadline, else the
    review's usual Tờ trình date. The plan's awards are named as on that day (a merged
    province's successor decides them)."""
    office = config.office
    return config.decision.date or office.date or config.deadline or proposal_date(review)


def _numbers(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """office.number and decision.number as a văn thư writes them, one way for both: 45, "45"
    or the whole "45/TTr-UBND" ("125/QĐ-UBND"); the office's kept as its number (its Tờ trình
    prints the symbol from office.code), the decision's as written or as its digits (completed
    with its issuer's symbol). What is no such number is refused (`key: message`)."""
    office = raw.get("office") if isinstance(raw.get("office"), dict) else {}
    decision = raw.get("decision") if isinstance(raw.get("decision"), dict) else {}
    code = office.get("code") if isinstance(office.get("code"), str) else Office.code
    own = decision.get("code") if isinstance(decision.get("code"), str) else ""
    refused: list[str] = []
    if "number" in office:
        number, said = _number("office", office["number"], "TTr", code.strip())
        office = {**office, "number": int(number.split("/")[0]) if number else office["number"]}
        refused += [said] if said else []
    if "number" in decision:
        number, said = _number("decision", decision["number"], "QĐ", (own or code).strip())
        decision = {**decision, "number": number if number or said else decision["number"]}
        refused += [said] if said else []
    tables = {"office": office} if office else {}
    return {**raw, **tables, **({"decision": decision} if decision else {})}, refused


def _number(key: str, value: object, kind: str, code: str) -> tuple[str, str]:
    """A document number typed at `key` (a whole number, its digits, or "N/KIND-CODE") as the
    whole number hoso prints, and what to say when it is none ("" then)."""
    what = "Tờ trình tổng hợp" if kind == "TTr" else "Quyết định"
    typed = str(value).lower() if isinstance(value, bool) else str(value).strip()  # TOML's true
    if typed == "" and kind == "QĐ":  # not yet numbered: printed blank for the văn thư
        return "", ""
    whole = TO_TRINH_NUMBER.fullmatch(typed) if isinstance(value, str) else None
    digits = whole.group(1) if whole else typed
    if isinstance(value, bool) or not digits.isdigit() or not 1 <= int(digits) <= MAX_NUMBER:
        return "", (
            f"{key}.number: “{typed}” không phải số {what} (từ 1 đến {MAX_NUMBER}); ghi số như "
            f'văn thư đã cấp, ví dụ number = 45 hoặc number = "45/{kind}-{code}"'
        )
    if whole and kind == "TTr" and whole.group(2) != f"TTr-{code}":
        return "", (
            f"{key}.number: “{typed}” có ký hiệu “{whole.group(2)}”, mà Tờ trình tổng hợp in ký "
            f"hiệu “TTr-{code}” theo office.code; ghi number = {int(digits)} và sửa office.code "
            "nếu ký hiệu của cơ quan khác"
        )
    if whole or kind == "QĐ":  # the decision's symbol is its issuer's: see Decision.numbered
        return typed if whole else f"{int(digits):02d}", ""
    return f"{int(digits):02d}/{kind}-{code}", ""


def _unit_problems(units: Sequence[ExpectedUnit]) -> list[str]:
    """Units without a name, or listed twice (by name, or by file): one of them would be
    counted "chưa nộp" while the other holds its workbook."""
    problems: list[str] = []
    names: dict[str, int] = {}
    files: dict[str, int] = {}
    for i, unit in enumerate(units):
        if not unit.name:
            problems.append(f"units[{i}].name: chưa ghi tên đơn vị")
            continue
        key = unit_key(unit.name)
        if key in names:
            first = unit_entry([u.name for u in units], names[key])
            problems.append(
                f"units[{i}].name: “{unit.name}” đã có ở {first}; mỗi đơn vị ghi một lần"
            )
        names.setdefault(key, i)
        if unit.file and unit.file in files:
            other = files[unit.file]
            problems.append(
                f"units[{i}].file: “{unit.file}” đã là tệp của "
                f"{unit_entry([u.name for u in units], other)}; mỗi đơn vị nộp một tệp riêng: "
                "hãy sửa file của đơn vị ghi nhầm"
            )
        if unit.file:
            files.setdefault(unit.file, i)
        problems += [f"units[{i}].{said}" for said in received_problems(unit)]
    return problems


def unit_entry(names: Sequence[str], i: int) -> str:
    """Entry i (from 0) of dot-xet.toml's units as a person finds it: counted from 1, by its
    name when it has one ("units[0]" reads as nonsense to an office).

    >>> unit_entry(["Ủy ban nhân dân xã A", ""], 0), unit_entry(["Ủy ban nhân dân xã A", ""], 1)
    ('đơn vị thứ 1 trong [[units]] (“Ủy ban nhân dân xã A”)', 'đơn vị thứ 2 trong [[units]]')
    """
    name = names[i].strip() if i < len(names) else ""
    return f"đơn vị thứ {i + 1} trong [[units]]" + (f" (“{name}”)" if name else "")


def key_text(names: Sequence[str], key: str) -> str:
    """A problem of dot-xet.toml ("key: message") with its key as a person reads it, items
    counted from 1: "units[2].file: …" → "đơn vị thứ 3 trong [[units]] (“…”), khóa file: …",
    "decides[0]: …" → "decides, mục thứ 1: …"; any other key unchanged."""
    unit = re.match(r"units\[(\d+)\](?:\.(\w+))?", key)
    if unit is not None:
        entry = unit_entry(names, int(unit[1]))
        return entry + (f", khóa {unit[2]}" if unit[2] else "") + key[unit.end() :]
    item = re.match(r"([\w.]+)\[(\d+)\]", key)
    if item is not None:
        return f"{item[1]}, mục thứ {int(item[2]) + 1}{key[item.end() :]}"
    return key


def _invalid(path: Path, problems: list[str], names: Sequence[str]) -> PlanError:
    """invalid()'s error, each key said as key_text says it; the problems keep
    their keys ("units[2].file: …"), which the web's form reads to place each beside its field."""
    said = invalid(path, WHAT, [key_text(names, p) for p in problems])
    return PlanError(str(said), tuple(problems))


def _raw_names(raw: dict[str, Any]) -> list[str]:
    """The units' names as dot-xet.toml holds them, before validation ("" where none is)."""
    units = raw.get("units")
    if not isinstance(units, list):
        return []
    return [str(u.get("name", "")) if isinstance(u, dict) else "" for u in units]


def received_problems(unit: ExpectedUnit) -> list[str]:
    """What is wrong with the unit's Tờ trình as the office recorded it (`key: message`): a
    number that is not "N/SYMBOL", a number without its date or a date without its number."""
    if unit.to_trinh and not TO_TRINH_NUMBER.fullmatch(unit.to_trinh):
        return [
            f"to_trinh: “{unit.to_trinh}” không phải số Tờ trình; ghi cả số và ký hiệu như trên "
            'Tờ trình của đơn vị, ví dụ to_trinh = "12/TTr-UBND"'
        ]
    if unit.to_trinh and unit.to_trinh_date is None:
        return [
            f"to_trinh_date: Tờ trình số {unit.to_trinh} cần cả ngày ban hành: ghi "
            "to_trinh_date (YYYY-MM-DD) như trên Tờ trình của đơn vị"
        ]
    if unit.to_trinh_date is not None and not unit.to_trinh:
        return [
            f"to_trinh: Tờ trình ngày {unit.to_trinh_date:%d/%m/%Y} cần cả số: ghi to_trinh "
            '(ví dụ "12/TTr-UBND") như trên Tờ trình của đơn vị, hoặc xóa to_trinh_date'
        ]
    return []


def _blank_lines(key: str, items: Sequence[str]) -> list[str]:
    """A Nơi nhận line left empty (a stray comma, ""): the list would print a bare "- ;"."""
    return [
        f"{key}[{i}]: dòng Nơi nhận trống; hãy xóa dòng này hoặc ghi nơi nhận"
        for i, item in enumerate(items)
        if not item.strip(" -–;.")
    ]


def own_calibrations(folder: Path) -> dict[str, Calibration]:
    """The office's calibrations in a period's can-chinh-phoi/, each validated (PlanError)."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.toml")):
        if path.stem not in KINDS:
            names = " hoặc ".join(f"{k}.toml" for k in KINDS)
            raise PlanError(f"{path}: tệp căn chỉnh phôi phải tên là {names}.")
        found[path.stem] = load_calibration(path)
        wrong = wrong_kind(found[path.stem], path.stem)
        if wrong:
            raise PlanError(f"{wrong} Tệp {path.name} phải là căn chỉnh phôi {KINDS[path.stem]}.")
    return found
