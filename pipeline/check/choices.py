"""A choice as a person reads it: case, tone placement and a pasted dash do not count, and a yes
or no marked by hand ("x", "✓", "Ko"), a member's presence as the minutes say it ("Có mặt",
"Vắng") and "Nữ giới" are the choices they mean."""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.inputs.contract import GENDERS, NO, YES
from pipeline.vietnamese import tone_key

# Yes and no as marked in a column by hand; a member's presence as the minutes say it.
_YES_MARKS, _NO_MARKS = ("x", "✓", "✔", "☑", "1"), ("0", "ko", "k")
_MARKS = {**dict.fromkeys(_YES_MARKS, True), **dict.fromkeys(_NO_MARKS, False)}
_PRESENCE = {"có mặt": True, "vắng": False, "vắng mặt": False}
_DASHED = re.compile(r"\s*[-‐‑‒–—―−]\s*")


def chosen(key: str, allowed: tuple[str, ...], typed: str) -> str | None:
    """The allowed value a cell's text means (`key`: the field's), or None."""
    typed_key = _choice_key(typed)
    found = _by_key(allowed).get(typed_key) or _marked(key, allowed, typed_key)
    return found or _by_letters(allowed).get(_letters(typed_key))


@lru_cache(maxsize=128)
def _by_letters(allowed: tuple[str, ...]) -> dict[str, str]:
    """The allowed values by their letters alone ("KT" for "KT.", "TM" for "T/M"), where no two
    share them."""
    keys = [_letters(_choice_key(a)) for a in allowed]
    return {k: a for k, a in zip(keys, allowed, strict=True) if keys.count(k) == 1}


def _letters(key: str) -> str:
    """A choice's key without the full stops, slashes and spaces of an abbreviation."""
    return re.sub(r"[./\s]", "", key)


def _marked(key: str, allowed: tuple[str, ...], typed: str) -> str | None:
    """A yes or no as people mark it in a column ("x", "✓", "1", "0", "ko"), "Có mặt" or "Vắng"
    for a member's presence, "Nam giới" for a gender: the choice it means, or None."""
    if allowed == (YES, NO):
        if typed in _MARKS or (key == "present" and typed in _PRESENCE):
            return YES if _MARKS.get(typed, _PRESENCE.get(typed)) else NO
    elif allowed == GENDERS and typed in ("nam giới", "nữ giới"):
        return allowed[typed.startswith("nữ")]
    return None


@lru_cache(maxsize=128)
def _by_key(allowed: tuple[str, ...]) -> dict[str, str]:
    """The allowed values by comparison key (the same few lists are checked thousands of times)."""
    return {_choice_key(a): a for a in allowed}


def _choice_key(text: str) -> str:
    """A choice as a person reads it: case, tone placement and the dash ("Ủy viên – Thư ký",
    pasted from Word) do not count."""
    return _DASHED.sub(" - ", tone_key(text)).strip()
