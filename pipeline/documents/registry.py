"""The documents of a batch: for each kind of pipeline.inputs.kinds, the function that lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.check.model import Batch, Collective, Nominee
from pipeline.documents import context, keys
from pipeline.inputs.kinds import KINDS, DocumentKind, kind
from pipeline.vietnamese import slug

DOCS_DIR = "van-ban"  # the DOCX and PDF documents of a batch, under DIR/<workbook stem>/


@dataclass(frozen=True)
class Document:
    """One document to produce: its kind, template, context and path inside the batch folder."""

    kind: str
    title: str  # as a bookmark or a message names it: "Báo cáo thành tích – Nguyễn Văn An"
    template: str
    context: Mapping[str, Any]
    path: str  # relative, POSIX, ending in .docx
    nominee: Nominee | None = None


@dataclass(frozen=True)
class Producer:
    """A document kind with the keys its templates may use and the documents a batch needs."""

    kind: DocumentKind
    keys: Mapping[str, str]
    documents: Callable[[Batch], list[Document]]


REGISTRY: dict[str, Producer] = {}


def register(kind_id: str, keys: Mapping[str, str], documents: Callable[[Batch], list[Document]]):
    """Attach the producer of a kind (KeyError for a kind pipeline.inputs.kinds does not list)."""
    REGISTRY[kind_id] = Producer(kind(kind_id), keys, documents)


def documents_for(batch: Batch) -> list[Document]:
    """Every document of a batch, in dossier order, for the kinds its plan asks for."""
    wanted = batch.info.plan.dossier.documents
    return [d for k in KINDS if k.id in wanted for d in REGISTRY[k.id].documents(batch)]


def template_keys() -> dict[str, Mapping[str, str]]:
    """The keys each built-in template file name may use (for the pre-flight of templates)."""
    return {t: p.keys for p in REGISTRY.values() for t in p.kind.templates}


def file_number(index: int, total: int) -> str:
    """A file's number, padded so that files sort in order in any file manager and ZIP tool.

    >>> file_number(7, 12), file_number(7, 150)
    ('07', '007')
    """
    return str(index).zfill(max(2, len(str(total))))


def report_path(index: int, total: int, nominee: Nominee) -> str:
    """The file of a nominee's report: numbered, named from the sanitised name."""
    return f"{DOCS_DIR}/bao-cao/{file_number(index, total)}-{slug(nominee.name)}.docx"


def _single(kind_id: str, build: Callable[[Batch], dict]) -> Callable[[Batch], list[Document]]:
    """The documents of a kind a batch has once: numbered by the kind, one template."""
    k = kind(kind_id)

    def documents(batch: Batch) -> list[Document]:
        path = f"{DOCS_DIR}/{k.number:02d}-{k.id}.docx"
        return [Document(k.id, k.title, k.templates[0], build(batch), path)]

    return documents


def _reports(batch: Batch) -> list[Document]:
    k, docs = kind("bao-cao-thanh-tich"), []
    for index, nominee in enumerate(batch.proposed, start=1):
        if nominee.report_type != "bao-cao-thanh-tich":
            continue
        template = k.templates[0] if isinstance(nominee, Collective) else k.templates[1]
        title = f"{k.title} – {nominee.name}"
        ctx = context.bao_cao(batch, nominee)
        path = report_path(index, len(batch.proposed), nominee)
        docs.append(Document(k.id, title, template, ctx, path, nominee))
    return docs


def _when(test: Callable[[Batch], bool], documents: Callable[[Batch], list[Document]]):
    """Documents only for batches that need them."""
    return lambda batch: documents(batch) if test(batch) else []


def _has_short(batch: Batch) -> bool:
    return any(n.report_type == "trich-ngang" for n in batch.proposed)


register("to-trinh", keys.TO_TRINH_KEYS, _single("to-trinh", context.to_trinh))
register("danh-sach", keys.DANH_SACH_KEYS, _single("danh-sach", context.danh_sach))
register(
    "bien-ban",
    keys.BIEN_BAN_KEYS,
    _when(lambda b: b.council is not None, _single("bien-ban", context.bien_ban)),
)
register(
    "trich-ngang",
    keys.TRICH_NGANG_KEYS,
    _when(_has_short, _single("trich-ngang", context.trich_ngang)),
)
register("bao-cao-thanh-tich", keys.BAO_CAO_KEYS, _reports)
# The review period's documents are produced by pipeline.period, never for a unit's batch; they
# are registered for their keys (the pre-flight of their templates, `hoso templates`).
register("quyet-dinh", keys.QUYET_DINH_KEYS, lambda batch: [])
register("danh-sach-quyet-dinh", keys.DANH_SACH_QUYET_DINH_KEYS, lambda batch: [])
