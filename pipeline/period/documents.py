"""The office's documents for one award: its Tờ trình and the consolidated list, unit by unit."""

from __future__ import annotations

from dataclasses import replace

from pipeline.check.model import Batch
from pipeline.documents import Document
from pipeline.documents import context as unit_context
from pipeline.documents.registry import DOCS_DIR
from pipeline.inputs.kinds import kind
from pipeline.period.consolidate import Consolidated, UnitPart
from pipeline.vietnamese import count_with_words, format_short_date

LIST_TEMPLATE = "danh-sach-tong-hop.docx"


def office_documents(consolidated: Consolidated) -> list[Document]:
    """The Tờ trình to the award's decider and its list, in the office's folder for the award."""
    to_trinh, danh_sach = kind("to-trinh"), kind("danh-sach")
    return [
        Document(
            to_trinh.id,
            f"Tờ trình tổng hợp – {consolidated.award.name}",
            to_trinh.templates[0],
            to_trinh_context(consolidated),
            f"{DOCS_DIR}/01-to-trinh.docx",
        ),
        Document(
            danh_sach.id,
            f"Danh sách tổng hợp – {consolidated.award.name}",
            LIST_TEMPLATE,
            list_context(consolidated),
            f"{DOCS_DIR}/02-danh-sach.docx",
        ),
    ]


def to_trinh_context(consolidated: Consolidated) -> dict:
    """A unit's Tờ trình context, with every unit's Tờ trình among the Căn cứ lines."""
    batch = consolidated.batch
    ctx = unit_context.to_trinh(batch)
    bases = list(ctx["can_cu"])
    units = [
        f"Căn cứ Tờ trình {_number(u)}ngày {format_short_date(u.batch.info.date)} của "
        f"{u.batch.info.unit}" + ("," if i == len(consolidated.units) - 1 else ";")
        for i, u in enumerate(consolidated.units)
    ]
    # The plan's lines end the regime's; the units' Tờ trình come last, the last one with ",".
    bases[-1] = bases[-1].rstrip(",") + ";"
    n = len(consolidated.units)
    return ctx | {
        "can_cu": [*bases, *units],
        "kem_theo": (
            f"(Có danh sách và hồ sơ đề nghị của {count_with_words(n)} đơn vị kèm theo)"
            if n > 1
            else "(Có danh sách và hồ sơ đề nghị của đơn vị kèm theo)"
        ),
    }


def _number(unit: UnitPart) -> str:
    info = unit.batch.info
    return f"số {info.number:02d}/TTr-{info.unit_code} " if info.number else ""


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
        counts = [
            f"{len(items):02d} {word}"
            for items, word in ((unit.collectives, "tập thể"), (unit.individuals, "cá nhân"))
            if items
        ]
        groups.append(
            {
                "muc": f"{i}. {unit.batch.info.unit} ({', '.join(counts)})",
                "tap_the": rows["tap_the"],
                "ca_nhan": rows["ca_nhan"],
            }
        )
    return ctx | {"nhom": groups}


def _unit_batch(consolidated: Consolidated, unit: UnitPart) -> Batch:
    """The office batch restricted to one unit's nominees."""
    return replace(consolidated.batch, collectives=unit.collectives, individuals=unit.individuals)
