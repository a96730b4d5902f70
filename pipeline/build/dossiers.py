"""Which documents make which dossier: one per proposed nominee, and one for the whole batch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.check.model import Batch, Nominee
from pipeline.documents import Document
from pipeline.documents.registry import file_number
from pipeline.inputs.kinds import kind
from pipeline.pdf.bundle import Part
from pipeline.vietnamese import slug

DOSSIER_DIR = "ho-so"
BATCH_DOSSIER = "ho-so-tong-hop.pdf"
REPORTS_GROUP = "Báo cáo thành tích"


_PROPOSAL = "Hồ sơ đề nghị khen thưởng"


@dataclass(frozen=True)
class DossierSpec:
    """A dossier to bundle: its file, title, the documents in it and its bookmarks."""

    nominee: Nominee | None  # None for the batch dossier
    title: str
    path: str
    documents: tuple[Document, ...]  # in page order
    parts: tuple[Part, ...]  # the outline: one bookmark per document or group


def dossier_specs(batch: Batch, docs: Sequence[Document], part: Callable[[Document], Part]):
    """Every dossier of a batch: the nominees' (shared documents + their own), then the batch's.

    `part` gives a document's bookmark with its PDF.
    """
    shared = [d for d in docs if kind(d.kind).shared]
    summary = next((d for d in docs if not kind(d.kind).shared and d.nominee is None), None)
    reports = {d.nominee.id: d for d in docs if d.nominee is not None}
    specs = []
    # A nominee's dossier is the shared documents and its own; with nothing of its own (an
    # office's Tờ trình and list) it would only repeat the batch's dossier.
    for index, nominee in enumerate(batch.proposed if reports or summary else (), start=1):
        own = reports.get(nominee.id) or summary
        chosen = (*shared, *([own] if own else []))
        specs.append(
            DossierSpec(
                nominee,
                f"{_PROPOSAL} – {nominee.name}",
                f"{DOSSIER_DIR}/{file_number(index, len(batch.proposed))}-{slug(nominee.name)}.pdf",
                chosen,
                tuple(part(d) for d in chosen),
            )
        )
    batch_level = [*shared, *([summary] if summary else [])]
    groups = [part(d) for d in batch_level]
    if reports:
        children = tuple(Part(d.nominee.name, part(d).pdf) for d in reports.values() if d.nominee)
        groups.append(Part(REPORTS_GROUP, children=children))
    info = batch.info
    # An office that decides bundles its Quyết định: a decision's file, not a proposal's.
    what = "Hồ sơ khen thưởng" if any(d.kind == "quyet-dinh" for d in docs) else _PROPOSAL
    specs.append(
        DossierSpec(
            None,
            f"{what} – {info.unit} – {info.review.label}",
            BATCH_DOSSIER,
            (*batch_level, *reports.values()),
            tuple(groups),
        )
    )
    return specs
