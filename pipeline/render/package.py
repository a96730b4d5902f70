"""Byte-stable Office Open XML packages: the same parts always give the same .docx bytes."""

from __future__ import annotations

import io
import re
import unicodedata
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


# The parts of a Word package holding the text a document prints.
_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
# What Word saves besides a document, by its main part's content type: a .docx renamed from one
# of these is refused by python-docx, and Word itself opens only the right extension.
_KINDS = {
    "wordprocessingml.template.main+xml": "mẫu Word (.dotx)",
    "ms-word.document.macroenabled.main+xml": "tệp Word có macro (.docm)",
    "ms-word.template.macroenabledtemplate.main+xml": "mẫu Word có macro (.dotm)",
}


def saved_as_other_kind(data: bytes) -> str | None:
    """Why a file named .docx is not a Word document though Word saved it (a template, a file
    with macros), and what to do; None when it is a document or not Word's at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            types = zf.read("[Content_Types].xml").decode("utf-8", "replace").lower()
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "wordprocessingml.document.main+xml" in types:
        return None
    for kind, said in _KINDS.items():
        if kind in types:
            return (
                f"tệp này là {said} chứ không phải văn bản Word (.docx), dù mang đuôi .docx: hãy "
                "mở bằng Word, chọn Tệp › Lưu thành, kiểu “Word Document (*.docx)” rồi lưu đè"
            )
    return None


def composed(data: bytes) -> bytes:
    """A template with its text in composed Unicode (NFC), as every document is: text typed with
    a combining input method ("Unicode tổ hợp") would otherwise reach the documents decomposed.
    The same bytes when nothing needs composing (only the parts holding text are read)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        texts = {name: zf.read(name) for name in zf.namelist() if _TEXT_PART.fullmatch(name)}
    changed = {}
    for name, part in texts.items():
        try:
            text = part.decode("utf-8")
        except UnicodeDecodeError:
            continue  # a part in another encoding: left as Word wrote it
        if not unicodedata.is_normalized("NFC", text):
            changed[name] = unicodedata.normalize("NFC", text).encode("utf-8")
    if not changed:
        return data
    return write_package((name, changed.get(name, part)) for name, part in read_members(data))
