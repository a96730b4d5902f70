"""Accounts: adding users with a role, API tokens, and the audit of log-ins."""

from __future__ import annotations

import difflib
import hashlib
import re
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction

from pipeline.errors import HosoError
from pipeline.vietnamese import tone_key
from pipeline.vietnamese.authorities import LEVELS
from pipeline.vietnamese.text import nfc
from pipeline.vietnamese.text import slug as slug_of
from pipeline.web.access import audit
from pipeline.web.models import ROLES, ApiToken, Profile, Unit

ROLE_IDS = tuple(r for r, _ in ROLES)


def add_user(name: str, role: str, password: str, unit: str | None = None) -> Any:
    """Create a user with a role (a clerk needs the unit's name); HosoError when it cannot."""
    if role not in ROLE_IDS:
        raise HosoError(f"Vai trò “{role}” không có; chọn một trong: {', '.join(ROLE_IDS)}.")
    if role == "van-thu" and not unit:
        raise HosoError("Văn thư phải thuộc một đơn vị: thêm --unit “tên đơn vị”.")
    if len(password) < 8:
        raise HosoError("Mật khẩu phải có ít nhất 8 ký tự.")
    users = get_user_model()
    if users.objects.filter(username=name).exists():
        raise HosoError(f"Tài khoản “{name}” đã có.")
    with transaction.atomic():
        user = users.objects.create_user(username=name, password=password)
        if role == "quan-tri":
            user.is_staff = user.is_superuser = True
            user.save()
        own = Unit.objects.get_or_create(name=unit_name(unit))[0] if unit else None
        Profile.objects.create(user=user, role=role, unit=own)
    said = f"vai trò {dict(ROLES)[role]}" + (f", đơn vị {unit}" if unit else "")
    audit(None, "them-tai-khoan", name, said)  # the role's name: the log is read, not parsed
    return user


def unit_name(typed: str) -> str:
    """A unit's name as typed, in NFC with single spaces (as the periods' lists are read)."""
    return " ".join(nfc(typed).split())


def expected_units(unit: str) -> tuple[bool, list[str]]:
    """Whether some period expects this unit (names compared as the period pages do), and if
    not, the expected names closest to it (a typo, an abbreviation: "UBND xã …")."""
    from pipeline.web import periods

    names = [name for _, name in periods.expected_units()]
    key = tone_key(unit)
    if any(tone_key(name) == key for name in names):
        return True, []
    keys = {tone_key(name): name for name in names}
    close = difflib.get_close_matches(key, list(keys), n=3, cutoff=0.6)
    return False, [keys[k] for k in close]


# Passwords printed on paper for the units' clerks: no 0/O, 1/l/I to misread.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class NewLogin:
    """An account made for a unit's clerk, with the password to hand over once."""

    unit: str
    name: str
    password: str


def add_unit_clerks(slug: str) -> list[NewLogin]:
    """A clerk's account for every unit the period expects that has none yet (a random password
    each); the accounts made, in the period's order of units."""
    from pipeline.web.models import Period
    from pipeline.web.periods import folder_of

    period = Period.objects.filter(slug=slug).first()
    if period is None:
        known = ", ".join(Period.objects.order_by("slug").values_list("slug", flat=True))
        raise HosoError(f"Không có đợt xét “{slug}” (các đợt: {known or 'chưa có'}).")
    made = []
    for unit in folder_of(period).config.units:
        if Profile.objects.filter(role="van-thu", unit__name=unit.name).exists():
            continue
        password = "".join(secrets.choice(_ALPHABET) for _ in range(12))
        name = _free_name(clerk_name(unit.name))
        add_user(name, "van-thu", password, unit.name)
        made.append(NewLogin(unit.name, name, password))
    return made


# Where a unit's name divides into parts: "và", and the level before a place ("huyện Bù Gia Mập").
_PARTS = re.compile(r"\s(?:và|" + "|".join(sorted(LEVELS, key=len, reverse=True)) + r")\s", re.I)


def clerk_name(unit: str) -> str:
    """A unit clerk's login, short to type: "vt-", then the initials of each part of the unit's
    name (an abbreviation such as UBND kept whole).

    >>> clerk_name("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập")
    'vt-vphdnd-ubnd-bgm'
    >>> clerk_name("UBND xã Đức Hạnh"), clerk_name("Trường THCS số 1 thị trấn Thanh Bình")
    ('vt-ubnd-dh', 'vt-tthcss1-tb')
    >>> clerk_name("Đội số 10 – Chi cục QLTT"), clerk_name("Ban QLDA 2-3")
    ('vt-ds10ccqltt', 'vt-bqlda23')
    """
    parts = _PARTS.split(f" {nfc(unit).replace(',', ' ')} ")
    initials = ["".join(_initial(word) for word in part.split()) for part in parts]
    short = "-".join(filter(None, initials))[:30].strip("-")
    return f"vt-{short or 'don-vi'}"


def _initial(word: str) -> str:
    """A word's first letter in ASCII; an abbreviation (UBND) or a number ("2-3") whole; nothing
    for a dash or other sign standing alone."""
    if not any(ch.isalnum() for ch in word):
        return ""
    whole = (word.isupper() and len(word) > 1) or any(ch.isdigit() for ch in word)
    return slug_of(word).replace("-", "") if whole else slug_of(word)[:1]


def _free_name(name: str) -> str:
    """The name, or the name with the first number that makes it unused."""
    users, candidate, n = get_user_model().objects, name, 1
    while users.filter(username=candidate).exists():
        n += 1
        candidate = f"{name}_{n}"  # not "-2": "vt-ubnd-1-2" reads as a unit numbered 1-2
    return candidate


def issue_token(name: str) -> str:
    """A new API token for a user (the previous one stops working); only its hash is kept."""
    user = get_user_model().objects.filter(username=name).first()
    if user is None:
        raise HosoError(f"Không có tài khoản “{name}”.")
    token = secrets.token_urlsafe(32)
    ApiToken.objects.update_or_create(user=user, defaults={"digest": _digest(token)})
    audit(None, "cap-token", name, user=user)
    return token


def token_user(token: str) -> Any:
    """The active user of an API token, or None."""
    found = ApiToken.objects.filter(digest=_digest(token)).select_related("user").first()
    return found.user if found and found.user.is_active else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def connect_signals() -> None:
    """Log-ins, log-outs and failed log-ins go to the audit log."""
    user_logged_in.connect(_logged_in, dispatch_uid="hoso-login")
    user_logged_out.connect(_logged_out, dispatch_uid="hoso-logout")
    user_login_failed.connect(_failed, dispatch_uid="hoso-login-failed")


def _logged_in(sender: Any, request: Any, user: Any, **_: Any) -> None:
    audit(request, "dang-nhap", user.get_username(), user=user)


def _logged_out(sender: Any, request: Any, user: Any, **_: Any) -> None:
    if user is not None:
        audit(request, "dang-xuat", user.get_username(), user=user)


def _failed(sender: Any, credentials: dict, request: Any = None, **_: Any) -> None:
    audit(request, "dang-nhap-sai", str(credentials.get("username", ""))[:150])
