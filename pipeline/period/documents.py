"""The office's documents for one award: its Tờ trình and the consolidated list, unit by unit."""

from __future__ import annotations

from dataclasses import replace

from pipeline.check.model import Batch
from pipeline.documents import Document
from pipeline.documents import context as unit_context
from pipeline.documents.registry import numbered, single_path
from pipeline.inputs.kinds import kind
from pipeline.period.consolidate import Consolidated, UnitPart
from pipeline.vietnamese import (
    BLANK_GAP,
    blank_date,
    count_with_words,
    format_short_date,
    keep_whole,
)

LIST_TEMPLATE = "danh-sach-tong-hop.docx"
MINUTES_TEMPLATE = "bien-ban-tong-hop.docx"  # a unit's Biên bản, its results grouped by unit


def office_documents(consolidated: Consolidated) -> list[Document]:
    """The Tờ trình to the award's decider and its list (and the Biên bản of the office's council,
    when it has one), in the office's folder for the award, numbered in that order."""
    to_trinh, danh_sach = kind("to-trinh"), kind("danh-sach")
    documents = [
        Document(
            to_trinh.id,
            f"Tờ trình tổng hợp – {consolidated.award.name}",
            to_trinh.templates[0],
            to_trinh_context(consolidated),
            single_path("to-trinh"),
        ),
        Document(
            danh_sach.id,
            f"Danh sách tổng hợp – {consolidated.award.name}",
            LIST_TEMPLATE,
            list_context(consolidated),
            single_path("danh-sach"),
        ),
        *council_minutes(consolidated),
    ]
    return numbered(documents)


def council_minutes(consolidated: Consolidated) -> list[Document]:
    """The Biên bản of the office's council on this award's nominees (none without a council),
    not yet numbered: it comes last of the documents that list it."""
    batch = consolidated.batch
    if batch.council is None:
        return []
    bien_ban = kind("bien-ban")
    return [
        Document(
            bien_ban.id,
            f"Biên bản Hội đồng – {consolidated.award.name}",
            MINUTES_TEMPLATE,
            minutes_context(consolidated),
            single_path("bien-ban"),
        )
    ]


def minutes_context(consolidated: Consolidated) -> dict:
    """A unit's Biên bản context, its results grouped by the unit that proposed each nominee (at
    the office, two people of one name, or a collective, are told apart by who proposed them):
    each unit's rows under a heading row, as the consolidated list heads its groups, numbered
    through the whole table."""
    batch = _council_batch(consolidated)
    results: list[dict] = []
    stt = 0
    for i, unit in enumerate(consolidated.examined, start=1):
        results.append({"muc": _heading(i, unit)})
        for row in unit_context.vote_results(batch, (*unit.collectives, *unit.individuals)):
            stt += 1
            results.append(row | {"stt": stt, "muc": ""})
    return unit_context.bien_ban(batch) | {"ket_qua": results}


def _council_batch(consolidated: Consolidated) -> Batch:
    """The office batch as its council's Biên bản heads it: under the council's own body."""
    batch = consolidated.batch
    return replace(batch, info=replace(batch.info, unit=consolidated.council_body))


def minutes_basis(consolidated: Consolidated) -> str:
    """The Căn cứ line (without its punctuation) of the office council's Biên bản."""
    council = consolidated.batch.council
    assert council is not None, "only with a council"
    return (
        f"Căn cứ Biên bản họp {unit_context.council_name(consolidated.council_body)} ngày "
        f"{format_short_date(council.date)}"
    )


def to_trinh_context(consolidated: Consolidated) -> dict:
    """A unit's Tờ trình context, with every unit's Tờ trình among the Căn cứ lines (and the
    office council's Biên bản after them: it examined what the units sent)."""
    batch = consolidated.batch
    ctx = unit_context.to_trinh(batch)
    minutes = batch.council is not None
    bases = [line.rstrip(",;") for line in ctx["can_cu"]]
    if minutes:
        bases.pop()  # a unit's Căn cứ ends with its own council's Biên bản: named below instead
    council = [minutes_basis(consolidated)] if minutes else []
    units = [f"Căn cứ Tờ trình {_cited(u)} của {u.batch.info.unit}" for u in consolidated.units]
    lines = [*bases, *units, *council]
    n = len(consolidated.units)
    whose = f"{count_with_words(n)} đơn vị" if n > 1 else "đơn vị"
    council_text = ", Biên bản họp Hội đồng Thi đua - Khen thưởng" if minutes else ""
    return ctx | {
        "can_cu": [line + ("," if i == len(lines) - 1 else ";") for i, line in enumerate(lines)],
        "kem_theo": f"(Có danh sách{council_text} và hồ sơ đề nghị của {whose} kèm theo)",
    }


def _cited(unit: UnitPart) -> str:
    """A unit's Tờ trình as the office cites it: the number and date the office recorded on
    receipt, else as the unit's workbook gives them; without a number, both blank as on the
    unit's own Tờ trình (the date in the workbook is only planned: the văn thư dated it when it
    gave the number)."""
    if unit.number and unit.date is not None:
        return f"số {unit.number} ngày {format_short_date(unit.date)}"
    info = unit.batch.info
    return f"số{BLANK_GAP}/TTr-{info.unit_code} {blank_date(info.date.year)}"


def list_context(consolidated: Consolidated) -> dict:
    """The consolidated list: the unit list's keys, and one group per unit with its rows."""
    ctx = unit_context.danh_sach(consolidated.batch)
    groups = []
    for i, unit in enumerate(consolidated.units, start=1):
        rows = unit_context.danh_sach(_unit_batch(consolidated, unit))
        # Rows are numbered through the whole list, not from 1 in each unit.
        for key, nominees in (("tap_the", unit.collectives), ("ca_nhan", unit.individuals)):
            for row, nominee in zip(rows[key], nominees, strict=True):
                row["stt"] = nominee.index
        groups.append(
            {
                "muc": _heading(i, unit),
                "don_vi": unit.batch.info.unit,  # atop each of its tables, on every page
                "tap_the": rows["tap_the"],
                "ca_nhan": rows["ca_nhan"],
            }
        )
    return ctx | {"nhom": groups}


def _heading(number: int, unit: UnitPart) -> str:
    """A unit's heading in the office's documents: “1. Ủy ban nhân dân xã … (01 tập thể, 03 cá
    nhân)”, its nominees counted (in the list, those proposed; in the Biên bản, those voted on)."""
    counts = [
        f"{len(items):02d} {word}"
        for items, word in ((unit.collectives, "tập thể"), (unit.individuals, "cá nhân"))
        if items
    ]
    # The counts move to the next line whole: never "03 cá / nhân" at a line's end.
    aside = keep_whole(f"({', '.join(counts)})")
    return f"{number}. {unit.batch.info.unit} {aside}"


def _unit_batch(consolidated: Consolidated, unit: UnitPart) -> Batch:
    """The office batch restricted to one unit's nominees."""
    return replace(consolidated.batch, collectives=unit.collectives, individuals=unit.individuals)
