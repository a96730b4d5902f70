"""The documents of a batch: for each kind of pipeline.inputs.kinds, the function that lists them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
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
    return numbered([d for k in KINDS if k.id in wanted for d in REGISTRY[k.id].documents(batch)])


def single_path(name: str) -> str:
    """The path of a batch's single document before it is numbered: "van-ban/bien-ban.docx"."""
    return f"{DOCS_DIR}/{name}.docx"


def numbered(documents: Sequence[Document]) -> list[Document]:
    """The documents with the single ones (directly in van-ban/) numbered 01, 02, 03… in their
    order, among those the batch has: as "Hồ sơ gồm" lists them, no number missing when a kind is
    not made (a plan without a Biên bản has its Trích ngang as 03). Reports keep their own.

    >>> docs = [Document(k, k, "", {}, single_path(k)) for k in ("to-trinh", "trich-ngang")]
    >>> [d.path for d in numbered(docs)]
    ['van-ban/01-to-trinh.docx', 'van-ban/02-trich-ngang.docx']
    """
    singles = [d for d in documents if PurePosixPath(d.path).parent == PurePosixPath(DOCS_DIR)]
    number = {id(d): file_number(i, len(singles)) for i, d in enumerate(singles, start=1)}
    return [
        replace(d, path=f"{DOCS_DIR}/{number[id(d)]}-{PurePosixPath(d.path).name}")
        if id(d) in number
        else d
        for d in documents
    ]


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
    """The documents of a kind a batch has once: one template, numbered by `numbered`."""
    k = kind(kind_id)

    def documents(batch: Batch) -> list[Document]:
        return [Document(k.id, k.title, k.templates[0], build(batch), single_path(k.id))]

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
