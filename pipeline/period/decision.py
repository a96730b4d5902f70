"""The Quyết định khen thưởng of an award the office decides, and its list with the prize money."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.check.model import Individual, Nominee
from pipeline.check.signature import signature_lines
from pipeline.documents import Document
from pipeline.documents import context as unit_context
from pipeline.documents.registry import numbered, single_path
from pipeline.errors import PlanError
from pipeline.inputs.kinds import kind
from pipeline.inputs.legal import authority_bases, regime_for
from pipeline.period.config import Decision, Period
from pipeline.period.consolidate import Consolidated
from pipeline.period.documents import council_minutes, minutes_basis
from pipeline.period.issuer import issuing
from pipeline.vietnamese import (
    count_with_words,
    format_money,
    format_short_date,
    money_to_words,
    place_and_date,
    tone_key,
)
from pipeline.vietnamese.authorities import header_name


@dataclass(frozen=True)
class Prizes:
    """The prize money of one award, per collective and per individual (None: none given)."""

    tap_the: int | None = None
    ca_nhan: int | None = None
    source: str = ""  # where the money comes from, as the plan says
    basis: str = ""  # the decree setting the base salary the money is computed on, as cited

    def of(self, nominee: Nominee) -> int | None:
        """The money of one awardee."""
        return self.ca_nhan if isinstance(nominee, Individual) else self.tap_the


def decision_documents(period: Period, item: Consolidated, prizes: Prizes) -> list[Document]:
    """The Quyết định and its list (and the office council's Biên bản, when it has one), in the
    award's folder of the office, numbered in that order."""
    base = decision_context(period, item, prizes)
    qd, ds = kind("quyet-dinh"), kind("danh-sach-quyet-dinh")
    documents = [
        Document(
            qd.id,
            f"{qd.title} – {item.award.name}",
            qd.templates[0],
            base,
            single_path("quyet-dinh"),
        ),
        Document(
            ds.id,
            f"{ds.title} – {item.award.name}",
            ds.templates[0],
            base | list_context(period, item, prizes),
            single_path("danh-sach"),
        ),
        *council_minutes(item),
    ]
    return numbered(documents)


def _decision(period: Period) -> Decision:
    """The decision's settings, completed from the office (or the awards' deciding body),
    checked for a signer."""
    decision = issuing(period)
    if not decision.signer_title or not decision.signer_name:
        raise PlanError(
            f"{period.config_path} › decision.signer_title: cần chức vụ và họ tên người ký "
            "Quyết định (hoặc của [office])."
        )
    return decision


def decision_context(period: Period, item: Consolidated, prizes: Prizes) -> dict[str, Any]:
    """The Quyết định: Căn cứ by the regime of its date, Điều 1–3, signer, Nơi nhận."""
    decision, batch, award = _decision(period), item.batch, item.award
    when = decision.date or batch.info.date
    lines = signature_lines(decision.authority, decision.signer_title, decision.body)
    if isinstance(lines, str):
        raise PlanError(f"{period.config_path} › decision.signer_title: {lines}")
    counts = _counts(item)
    regime = regime_for(period.plan, when)
    office = period.config.office
    proposer = office.name if office.name != decision.body else ""
    units = ", ".join(u.batch.info.unit for u in item.units)
    # The issuer's authority first (a Chủ tịch UBND's), then the law on emulation, the plan.
    own = authority_bases(decision.body, when)
    # The prize money of Điều 2 rests on the base salary's decree: cited when money is given.
    salary = (prizes.basis,) if prizes.basis and _total(item, prizes) else ()
    cited = (*own, *regime.bases, *salary, period.plan.document.citation)
    can_cu = [f"Căn cứ {line};" for line in cited]
    if batch.council is not None:  # the office's council examined the proposals first
        can_cu.append(minutes_basis(item) + ";")
    # The office proposes to the decider on the units' dossiers (or decides on them itself).
    can_cu.append(
        f"Xét đề nghị của {proposer or units}"
        + (f" và hồ sơ đề nghị của {units}." if proposer else ".")
    )
    return unit_context.common(batch) | {
        "co_quan_ban_hanh": header_name(decision.body, decision.parent_body).upper(),
        "co_quan_ban_hanh_cap_tren": decision.parent_body.upper(),
        "so_quyet_dinh": decision.number or f"{' ' * 6}/QĐ-{decision.code}",
        "dia_danh_ngay_quyet_dinh": place_and_date(decision.place, decision.date, year=when.year),
        "trich_yeu": f"Về việc tặng {award.name} cho {counts} có thành tích xuất sắc trong "
        f"phong trào thi đua “{period.plan.movement}”, {period.review.phrase}",
        "tham_quyen": award.awarded_by.upper(),
        "can_cu": can_cu,
        "dieu": _articles(period, item, prizes, counts),
        "ky": {"dong": list(lines), "ho_ten": decision.signer_name},
        "noi_nhan": recipients(decision.distribution, office.code),
    }


def recipients(items: Sequence[str], code: str) -> list[str]:
    """Nơi nhận per NĐ 30: "- X;" each, the archive last, "- Lưu: VT, <the drafting office>."
    (`[decision] distribution`, by default "Như Điều 3" and the office's archive)."""
    items = [i.strip(" -–;.") for i in items if i.strip(" -–;.")] or ["Như Điều 3"]
    keep = [i for i in items if not tone_key(i).startswith("lưu")]
    archive = next((i for i in items if tone_key(i).startswith("lưu")), f"Lưu: VT, {code}")
    return [*(f"- {i};" for i in keep or ["Như Điều 3"]), f"- {archive}."]


def _articles(period: Period, item: Consolidated, prizes: Prizes, counts: str) -> list[dict]:
    """Điều 1 (the award), Điều 2 (the prize money, when given), Điều 3 (who carries it out)."""
    award = item.award
    articles = [
        f"Tặng {award.name} cho {counts} (có danh sách kèm theo) đã có thành tích xuất sắc "
        f"trong phong trào thi đua “{period.plan.movement}”, {period.review.phrase}."
    ]
    total = _total(item, prizes)
    if total:
        each = [
            f"mỗi {word} {format_money(money)} đồng"
            for word, money, n in (
                ("tập thể", prizes.tap_the, item.batch.proposed_collectives),
                ("cá nhân", prizes.ca_nhan, item.batch.proposed_individuals),
            )
            if money and n
        ]
        source = f", từ {prizes.source}" if prizes.source else ""
        articles.append(
            f"Tiền thưởng kèm theo {award.short_name}: {'; '.join(each)}. Tổng cộng: "
            f"{format_money(total)} đồng ({money_to_words(total)}){source}."
        )
    articles.append(
        "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
        "chịu trách nhiệm thi hành Quyết định này./."
    )
    return [{"so": f"Điều {i}.", "noi_dung": text} for i, text in enumerate(articles, start=1)]


def _counts(item: Consolidated) -> str:
    """“03 (ba) tập thể và 12 (mười hai) cá nhân”, without a part that is zero."""
    parts = [
        f"{count_with_words(n)} {word}"
        for n, word in (
            (len(item.batch.proposed_collectives), "tập thể"),
            (len(item.batch.proposed_individuals), "cá nhân"),
        )
        if n
    ]
    return " và ".join(parts)


def _position(person: Individual) -> str:
    return ", ".join(p for p in (person.position, person.workplace) if p)


def _total(item: Consolidated, prizes: Prizes) -> int:
    return sum(prizes.of(n) or 0 for n in item.batch.proposed)


def list_context(period: Period, item: Consolidated, prizes: Prizes) -> Mapping[str, Any]:
    """The list attached to the decision: each awardee with its prize money, and the total."""
    decision, batch = _decision(period), item.batch
    number = decision.number or f"{' ' * 6}/QĐ-{decision.code}"
    when = f"ngày {format_short_date(decision.date)}" if decision.date else "ngày      "
    cs, ps = batch.proposed_collectives, batch.proposed_individuals
    total = _total(item, prizes)

    def money(nominee: Nominee) -> str:
        amount = prizes.of(nominee)
        return format_money(amount) if amount else ""

    return {
        "kem_theo": f"(Kèm theo Quyết định số {number} {when} của {item.award.awarded_by})",
        "tap_the": [
            {"stt": i, "ten": c.name, "tien_thuong": money(c)} for i, c in enumerate(cs, 1)
        ],
        "ca_nhan": [
            {"stt": i, "ho_ten": p.name, "chuc_vu_don_vi": _position(p), "tien_thuong": money(p)}
            for i, p in enumerate(ps, 1)
        ],
        "muc_tap_the": f"I. TẬP THỂ ({len(cs):02d})" if cs else "",
        "muc_ca_nhan": f"{'II' if cs else 'I'}. CÁ NHÂN ({len(ps):02d})" if ps else "",
        "tong_tien": (
            f"Tổng cộng tiền thưởng: {format_money(total)} đồng (Bằng chữ: "
            f"{money_to_words(total)})."
            if total
            else ""
        ),
    }
