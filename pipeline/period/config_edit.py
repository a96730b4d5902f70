"""Changes to a period's dot-xet.toml made in place (the office's page for the period): comments and
layout kept, a key the file only mentions in a comment ("# date = …") written on that line, the
new text checked exactly as load_period checks the file before anything is written."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence

import tomlkit
from tomlkit.exceptions import TOMLKitError

from pipeline.errors import PlanError
from pipeline.files import os_error, write_atomically
from pipeline.period.config import Period, period_from
from pipeline.period.units import unit_key
from pipeline.vietnamese.text import tone_key

Key = tuple[str, str]  # (table, key); the table "" is the top level
PREVIOUS = "dot-xet-cu"  # in the period folder: every version a change replaced
_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^[A-Za-z0-9_-]+\s*=")


def edited_config(text: str, changes: Mapping[Key, object]) -> str:
    """The text with each key set to its value (None: the key removed, when it is there)."""
    present = tomllib.loads(text)
    for (table, key), value in changes.items():
        where = present.get(table, {}) if table else present
        if value is not None and key not in where:
            text = _add_key(text, table, key, value)
    doc = tomlkit.parse(text)
    for (table, key), value in changes.items():
        where = doc[table] if table else doc
        if value is None:
            where.pop(key, None)  # type: ignore[union-attr]
        else:
            where[key] = value  # type: ignore[index]
    return tomlkit.dumps(doc)


def _add_key(text: str, table: str, key: str, value: object) -> str:
    """A key the table lacks: on its commented example line if the file has one, else after the
    table's last key (the table itself added at the end when the file has none)."""
    lines = text.splitlines()
    line = f"{key} = {tomlkit.item(value).as_string()}"
    span = _section(lines, table)
    if span is None:
        return text.rstrip("\n") + f"\n\n[{table}]\n{line}\n"
    start, end = span
    example = re.compile(rf"^#\s*{re.escape(key)}\s*=")
    for i in range(start, end):
        if example.match(lines[i]):
            comment = lines[i].split("#", 2)[2].strip() if lines[i].count("#") >= 2 else ""
            lines[i] = f"{line}  # {comment}" if comment else line
            return "\n".join(lines) + "\n"
    keys = [i for i in range(start, end) if _KEY_LINE.match(lines[i])]
    lines.insert(keys[-1] + 1 if keys else start, line)
    return "\n".join(lines) + "\n"


def _section(lines: list[str], table: str) -> tuple[int, int] | None:
    """The lines [start, end) of a table's body; the top level runs to the first header."""
    start = 0
    if table:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        found = [i for i, line in enumerate(lines) if header.match(line)]
        if not found:
            return None
        start = found[0] + 1
    end = next((i for i in range(start, len(lines)) if _HEADER.match(lines[i])), len(lines))
    return start, end


def with_units(text: str, names: Sequence[str]) -> str:
    """The text with more expected units, each a [[units]] table at the end of the list."""
    if not names:
        return text
    doc = tomlkit.parse(text)
    units = doc.setdefault("units", tomlkit.aot())
    for name in names:
        if len(units):  # type: ignore[arg-type]
            last = units[-1]  # type: ignore[index]
            if not last.as_string().endswith("\n\n"):
                last.add(tomlkit.nl())  # a blank line between units, as hoso writes them
        unit = tomlkit.table()
        unit["name"] = name
        units.append(unit)  # type: ignore[union-attr]
    return tomlkit.dumps(doc)


def without_units(text: str, names: Sequence[str]) -> str:
    """The text without the expected units named (compared as Vietnamese names: case, tones)."""
    gone = {tone_key(name) for name in names}
    if not gone:
        return text
    doc = tomlkit.parse(text)
    units = doc.get("units", [])
    for i in reversed(range(len(units))):
        if tone_key(str(units[i].get("name", ""))) in gone:
            del units[i]
    if "units" in doc and not len(units):
        del doc["units"]  # an empty array of tables cannot be written back
    return tomlkit.dumps(doc)


def save_config(
    period: Period,
    changes: Mapping[Key, object],
    stamp: str,
    units: Sequence[str] = (),
    removed: Sequence[str] = (),
) -> Period:
    """Write the changed dot-xet.toml (`units` added, `removed` taken out) once it reads as a
    period (PlanError naming the key if not), the version it replaces kept in dot-xet-cu/ under
    `stamp`; the period as it now is."""
    # A layout hoso does not write (an inline [decision], say): edited by hand, not here.
    refused = (
        f"{period.config_path}: hoso không sửa tự động được tệp này (cách viết khác tệp hoso "
        "tạo); hãy sửa trực tiếp trong tệp."
    )
    return rewrite_config(
        period,
        lambda text: with_units(without_units(edited_config(text, changes), removed), units),
        stamp,
        refused,
    )


def with_unit_keys(text: str, name: str, changes: Mapping[str, object]) -> str:
    """The text with keys of the expected unit `name`'s [[units]] table set (None: removed);
    KeyError or StopIteration when the file has no such table."""
    doc = tomlkit.parse(text)
    wanted = unit_key(name)
    table = next(t for t in doc["units"] if unit_key(str(t.get("name", ""))) == wanted)
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    return tomlkit.dumps(doc)


def save_unit_keys(period: Period, name: str, changes: Mapping[str, object], stamp: str) -> Period:
    """Set keys of one expected unit's [[units]] table (its receipt date, its Tờ trình), as
    `save_config` writes: checked first, the version it replaces kept in dot-xet-cu/."""
    refused = (
        "hoso không sửa tự động được thông tin đợt xét (cách viết khác tệp hoso tạo); hãy "
        "nhờ người quản trị máy chủ ghi ngày nhận."
    )
    return rewrite_config(period, lambda text: with_unit_keys(text, name, changes), stamp, refused)


def read_config(period: Period) -> str:
    """The text of the period's dot-xet.toml as it is now (an error naming it when unreadable)."""
    try:
        return period.config_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise os_error(exc, period.config_path, "đọc") from None


def rewrite_config(period: Period, edit: Callable[[str], str], stamp: str, refused: str) -> Period:
    """The one way the web changes dot-xet.toml: its text read, `edit`ed, checked as
    load_period checks it (PlanError naming the key), then written with the version it
    replaces kept in dot-xet-cu/ under `stamp`; `refused` when hoso cannot edit its layout."""
    before = read_config(period)
    try:
        text = edit(before)
        raw = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, TOMLKitError, KeyError, StopIteration, ValueError):
        raise PlanError(refused) from None
    changed = period_from(period.folder, raw)
    kept = period.folder / PREVIOUS / f"dot-xet-{stamp}.toml"
    write_atomically(kept, lambda tmp: tmp.write_text(before, encoding="utf-8"))
    path = period.config_path
    write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return changed
