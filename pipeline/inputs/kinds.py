"""The document kinds of a dossier, in dossier order: the one list that plans, templates, guide,
file numbers and bundling read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: its id (in plans and manifests), title, templates and dossier role."""

    id: str
    title: str  # as a bookmark or message names it
    guide: str  # as the workbook's guide lists it under "Hồ sơ gồm", one item per line
    templates: tuple[str, ...]  # built-in template files (one per variant)
    shared: bool  # in every nominee's dossier (else: only in the dossier of the nominee it is for)
    unit: bool = True  # in a unit's dossier (else: an office's document of the review period)


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind("to-trinh", "Tờ trình", "Tờ trình", ("to-trinh.docx",), True),
    DocumentKind(
        "danh-sach",
        "Danh sách kèm theo Tờ trình",
        "Danh sách kèm theo Tờ trình",
        ("danh-sach.docx", "danh-sach-tong-hop.docx"),  # a unit's; the period's, by unit
        True,
    ),
    DocumentKind(
        "bien-ban",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        ("bien-ban.docx", "bien-ban-tong-hop.docx"),  # a unit's council; the period's, by unit
        True,
    ),
    DocumentKind(
        "trich-ngang",
        "Trích ngang thành tích",
        "Trích ngang thành tích",
        ("trich-ngang.docx",),
        False,
    ),
    DocumentKind(
        "bao-cao-thanh-tich",
        "Báo cáo thành tích",
        "Báo cáo thành tích",
        ("bao-cao-tap-the.docx", "bao-cao-ca-nhan.docx"),
        False,
    ),
)
# The review period's own documents, made by the office that decides (pipeline.period).
PERIOD_KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        "quyet-dinh",
        "Quyết định khen thưởng",
        "Quyết định khen thưởng",
        ("quyet-dinh.docx",),
        True,
        unit=False,
    ),
    DocumentKind(
        "danh-sach-quyet-dinh",
        "Danh sách kèm theo Quyết định",
        "Danh sách kèm theo Quyết định",
        ("danh-sach-quyet-dinh.docx",),
        True,
        unit=False,
    ),
)
KIND_IDS: tuple[str, ...] = tuple(k.id for k in KINDS)
# The preset schema's type for a document kind (its JSON Schema lists the ids).
KindId = Literal[KIND_IDS]  # type: ignore[valid-type]


def kind(kind_id: str) -> DocumentKind:
    """The kind with this id (KeyError for an unknown one: ids come from validated plans)."""
    for item in (*KINDS, *PERIOD_KINDS):
        if item.id == kind_id:
            return item
    raise KeyError(kind_id)
