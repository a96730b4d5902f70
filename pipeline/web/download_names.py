"""Download names: a clerk's files named for their period, as the office's are, and the
Content-Disposition header that carries any name (an ASCII fallback and the UTF-8 original)."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import quote

from django.http import HttpResponse

from pipeline.vietnamese.text import slug
from pipeline.web.models import Build, Period


def period_prefix(period: Period | None) -> str:
    """The start of a download's name for a period ("quyet-dinh-"); "" outside any period."""
    return f"{period.slug}-" if period is not None else ""


def build_prefix(build: Build) -> str:
    """The start of a build's downloads' names, for its proposal's period: the clerk's downloads
    folder gathers several periods' files, and each build makes the same 01-to-trinh.pdf."""
    return period_prefix(build.proposal.period)


def build_zip(build: Build, kind: str, number: str) -> str:
    """A build's ZIP named as the office's are: its kind, its period, then `number`
    ("goi-nop-vi-du-7.zip"; "goi-nop-7.zip" outside any period)."""
    return f"{kind}-{build_prefix(build)}{number}.zip"


def disposition(name: str, inline: bool = False) -> str:
    """A Content-Disposition value for `name`: the name itself when it is ASCII; else an ASCII
    fallback (its stem without diacritics) for old browsers and the UTF-8 name (RFC 6266)."""
    kind = "inline" if inline else "attachment"
    if name.isascii():
        return f'{kind}; filename="{_quoted(name)}"'
    path = PurePath(name)
    suffix = f".{slug(path.suffix, 10)}" if path.suffix else ""
    fallback = slug(path.stem, 150) + suffix
    return f"{kind}; filename=\"{fallback}\"; filename*=utf-8''{quote(name, safe='')}"


def named(response: HttpResponse, name: str, inline: bool = False) -> HttpResponse:
    """The response, downloaded (or shown, when `inline`) under `name`."""
    response["Content-Disposition"] = disposition(name, inline)
    return response


def _quoted(name: str) -> str:
    """An ASCII name inside a quoted-string: its backslashes and quotes escaped."""
    return name.replace("\\", "\\\\").replace('"', '\\"')
