"""Byte-stable Office Open XML packages: the same parts always give the same .docx bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

# 1980-01-01 00:00:00, the DOS epoch: zip cannot store earlier dates, and a fixed stamp makes
# the package depend on its content only.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
# Level 1 deflates several times faster than the default, for a few kilobytes more a document.
LEVEL = 1


def write_package(members: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of the members, in the order given, each stamped with the fixed time.

    Every .docx hoso writes (templates, rendered documents) goes through here, so the bytes of
    a package depend only on its parts.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data, compresslevel=LEVEL)
    return out.getvalue()


def read_members(data: bytes) -> list[tuple[str, bytes]]:
    """The members of a zip, in their order."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def stable(data: bytes) -> bytes:
    """A package saved by python-docx, rewritten byte-stable (its stamps are the current time)."""
    return write_package(read_members(data))
