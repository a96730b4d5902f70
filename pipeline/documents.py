"""The document kinds of a dossier, as a registry: template, context, file name, when it applies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline import context
from pipeline.model import Batch, Collective, Nominee
from pipeline.vietnamese import slug

DOCS_DIR = "van-ban"  # the DOCX and PDF documents of a batch, under DIR/<workbook stem>/


@dataclass(frozen=True)
class Document:
    """One document to produce: its kind, template, context and path inside the batch folder."""

    kind: str
    title: (
        str  # as a bookmark or a message names it: "Tờ trình", "Báo cáo thành tích – Nguyễn Văn An"
    )
    template: str
    context: dict
    path: str  # relative, POSIX, ending in .docx
    nominee: Nominee | None = None


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document: how to find which documents of this kind a batch needs."""

    id: str  # the manifest's kind: "to-trinh", "bien-ban", ...
    title: str
    keys: dict[str, str]  # the context keys a template of this kind may use, with descriptions
    templates: tuple[str, ...]  # template file names it may use
    documents: Callable[[Batch], list[Document]]


REGISTRY: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> DocumentKind:
    """Add a document kind; built-in kinds use this same call."""
    REGISTRY[kind.id] = kind
    return kind


def documents_for(batch: Batch) -> list[Document]:
    """Every document of a batch, in dossier order, for the kinds its plan asks for."""
    wanted = batch.info.plan.dossier.documents
    return [doc for kind in REGISTRY.values() if kind.id in wanted for doc in kind.documents(batch)]


def report_path(index: int, nominee: Nominee) -> str:
    """The file of a nominee's report: numbered, named from the sanitised name."""
    return f"{DOCS_DIR}/bao-cao/{index:02d}-{slug(nominee.name)}.docx"


def _single(kind: str, title: str, template: str, build: Callable[[Batch], dict], number: int):
    def documents(batch: Batch) -> list[Document]:
        return [
            Document(kind, title, template, build(batch), f"{DOCS_DIR}/{number:02d}-{kind}.docx")
        ]

    return documents


def _reports(batch: Batch) -> list[Document]:
    docs = []
    for index, nominee in enumerate(batch.proposed, start=1):
        if nominee.report_type != "bao-cao-thanh-tich":
            continue
        template = (
            "bao-cao-tap-the.docx" if isinstance(nominee, Collective) else "bao-cao-ca-nhan.docx"
        )
        docs.append(
            Document(
                "bao-cao-thanh-tich",
                f"Báo cáo thành tích – {nominee.name}",
                template,
                context.bao_cao(batch, nominee),
                report_path(index, nominee),
                nominee,
            )
        )
    return docs


def _trich_ngang(batch: Batch) -> list[Document]:
    if not any(n.report_type == "trich-ngang" for n in batch.proposed):
        return []
    return _single(
        "trich-ngang", "Trích ngang thành tích", "trich-ngang.docx", context.trich_ngang, 4
    )(batch)


def _bien_ban(batch: Batch) -> list[Document]:
    if batch.council is None:
        return []
    return _single(
        "bien-ban",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        "bien-ban.docx",
        context.bien_ban,
        3,
    )(batch)


register(
    DocumentKind(
        "to-trinh",
        "Tờ trình",
        context.TO_TRINH_KEYS,
        ("to-trinh.docx",),
        _single("to-trinh", "Tờ trình", "to-trinh.docx", context.to_trinh, 1),
    )
)
register(
    DocumentKind(
        "danh-sach",
        "Danh sách kèm theo Tờ trình",
        context.DANH_SACH_KEYS,
        ("danh-sach.docx",),
        _single("danh-sach", "Danh sách kèm theo Tờ trình", "danh-sach.docx", context.danh_sach, 2),
    )
)
register(
    DocumentKind(
        "bien-ban",
        "Biên bản họp Hội đồng Thi đua - Khen thưởng",
        context.BIEN_BAN_KEYS,
        ("bien-ban.docx",),
        _bien_ban,
    )
)
register(
    DocumentKind(
        "trich-ngang",
        "Trích ngang thành tích",
        context.TRICH_NGANG_KEYS,
        ("trich-ngang.docx",),
        _trich_ngang,
    )
)
register(
    DocumentKind(
        "bao-cao-thanh-tich",
        "Báo cáo thành tích",
        context.BAO_CAO_KEYS,
        ("bao-cao-tap-the.docx", "bao-cao-ca-nhan.docx"),
        _reports,
    )
)
