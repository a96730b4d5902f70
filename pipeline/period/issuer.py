"""Who issues and signs the Quyết định of the awards an office decides: [decision] completed
from [office]; or, when [decision] names no body and the awards are all decided by the head of
one other body (a province's Chủ tịch, for an office that drafts the province's decision), that
body, with its own place, its ký hiệu and its head as signer."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.period.config import Decision, Period
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.authorities import (
    authority_key,
    is_generic,
    level_of,
    same_authority,
    spell_out,
)

UBND = "ủy ban nhân dân"
# A body's địa danh (NĐ 30, Phụ lục I): the name of its province, district or commune.
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|thị xã|huyện|quận|thị trấn|xã|phường)\s+(.+)$", re.I)


@dataclass(frozen=True)
class Derived:
    """The body an award's decider heads, and the decider's post: "Chủ tịch"."""

    body: str
    post: str


def head_of(decider: str) -> Derived | None:
    """The Ủy ban nhân dân a decider heads ("Chủ tịch UBND tỉnh X" → "Ủy ban nhân dân tỉnh X",
    "Chủ tịch"); None for another decider (the body it heads is not known from its name)."""
    full = spell_out(decider, post=True)[0]
    at = tone_key(full).find(UBND)
    if at < 0 or is_generic(full):
        return None
    return Derived(full[at:].strip(), full[:at].strip() or "Chủ tịch")


def derived_issuer(period: Period) -> Derived | None:
    """The body the Quyết định is issued by when [decision] names none and the office cannot
    decide its awards: the one body whose head decides them all (None: the office, or no one
    body, which `hoso period check` says is an error)."""
    config = period.config
    if config.decision.body:
        return None
    office = config.office.name
    deciders = [a.awarded_by for a in period.decided if not is_generic(a.awarded_by)]
    if all(same_authority(d, office) or renamed(d, office) for d in deciders):
        return None  # the office decides them, or is the decider's body under a new name
    heads = [head_of(d) for d in deciders]
    if any(h is None for h in heads):
        return None
    if len({authority_key(h.body) for h in heads if h is not None}) != 1:
        return None  # one Quyết định names one body: a province's award beside a district's
    return heads[0]


def issuing(period: Period) -> Decision:
    """The Quyết định's settings as printed: dot-xet.toml's, completed from the office, or from
    the body that decides the awards (a signer of the office never signs for that body)."""
    config = period.config
    derived = derived_issuer(period)
    if derived is None:
        return config.decision.filled(config.office)
    decision = config.decision
    return replace(
        decision,
        body=derived.body,
        code=decision.code or "UBND",
        number=decision.numbered(decision.code or "UBND"),
        place=decision.place or place_of(derived.body),
        signer_title=decision.signer_title or derived.post,
    )


def renamed(decider: str, body: str) -> bool:
    """A Ủy ban nhân dân of the decider's level under another name: after a merger the body of
    a new name decides the old plan's awards (a district never decides a province's)."""
    own = head_of(decider)
    ubnd = tone_key(spell_out(body)[0]).startswith(UBND)
    return own is not None and ubnd and level_of(body) == level_of(own.body)


def place_of(body: str) -> str:
    """A body's địa danh: "Bình Phước" of "Ủy ban nhân dân tỉnh Bình Phước"."""
    found = _PLACE.search(body)
    return found.group(1).strip() if found else ""
