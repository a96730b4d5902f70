"""One batch's files: DOCX rendered or reused, PDFs recorded, dossiers bundled, manifest written."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline import __version__, cache
from pipeline.bundle import Metadata, Part, Readers, bundle
from pipeline.convert import ConversionJob
from pipeline.documents import Document
from pipeline.model import Batch, Nominee
from pipeline.output import BatchFolder
from pipeline.vietnamese import slug

if TYPE_CHECKING:
    from pipeline.build import BuildOptions, Planned
    from pipeline.progress import Progress

SHARED_KINDS = ("to-trinh", "danh-sach", "bien-ban")
DOSSIER_DIR = "ho-so"
BATCH_DOSSIER = "ho-so-tong-hop.pdf"


@dataclass
class DocOut:
    """A document of the batch: its manifest entry, and where its PDF goes."""

    doc: Document
    entry: dict[str, Any]
    pdf_path: str | None


@dataclass
class Staged:
    """A batch whose DOCX files are in the staging folder, waiting for their PDFs."""

    item: Planned
    out: BatchFolder
    docs: list[DocOut]
    jobs: list[ConversionJob] = field(default_factory=list)

    @property
    def batch(self) -> Batch:
        """The checked batch."""
        batch = self.item.result.check.batch
        assert batch is not None
        return batch


def _file_entry(data: bytes, path: str) -> dict[str, Any]:
    return {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}


def stage_batch(item: Planned, options: BuildOptions, progress: Progress) -> Staged:
    """Render every document that changed into the staging folder; link the ones that did not."""
    out = BatchFolder(item.folder)
    try:
        staged = Staged(item, out, [])
        info = staged.batch.info
        for doc in item.documents:
            props = {"title": doc.title, "author": info.unit, "subject": info.plan.movement}
            doc_key = cache.key(
                "doc", item.renderer.blob_sha(doc.template), doc.context, props, options.pdf
            )
            pdf_path = doc.path.removesuffix(".docx") + ".pdf" if options.pdf else None
            base = {
                "kind": doc.kind,
                "nominee": doc.nominee.id if doc.nominee else None,
                "title": doc.title,
            }
            previous = None if options.force else item.previous.document(doc_key)
            if previous is not None:
                entry = _reuse(out, item, previous, doc, pdf_path)
                item.result.reused += 1
                progress.document_done()
            else:
                data = item.renderer.render(doc, properties=props)
                out.write(doc.path, data)
                entry = _file_entry(data, doc.path)
                item.result.made += 1
                if pdf_path:
                    staged.jobs.append(
                        ConversionJob(out.path(doc.path), out.path(pdf_path), doc.title)
                    )
                else:
                    progress.document_done()
            staged.docs.append(DocOut(doc, {**base, **entry, "key": doc_key}, pdf_path))
        return staged
    except BaseException:
        out.abort()
        raise


def _reuse(
    out: BatchFolder, item: Planned, previous: dict[str, Any], doc: Document, pdf_path: str | None
) -> dict:
    """Link an unchanged DOCX (and its PDF) from the previous output, under today's names."""
    folder = item.previous.folder
    out.reuse(doc.path, folder / previous["path"])
    entry = {k: previous[k] for k in ("sha256", "bytes")} | {"path": doc.path}
    if pdf_path and previous.get("pdf"):
        out.reuse(pdf_path, folder / previous["pdf"]["path"])
        entry["pdf"] = {**previous["pdf"], "path": pdf_path}
    return entry


def finish_batch(staged: Staged, options: BuildOptions) -> None:
    """Record the PDFs, bundle the dossiers, write the manifest and swap the folder in."""
    readers = Readers()
    dossiers: list[dict[str, Any]] = []
    if options.pdf:
        for d in staged.docs:
            if "pdf" not in d.entry and d.pdf_path:
                data = staged.out.path(d.pdf_path).read_bytes()
                pages = len(readers.get(staged.out.path(d.pdf_path)).pages)
                d.entry["pdf"] = {**_file_entry(data, d.pdf_path), "pages": pages}
        dossiers = _dossiers(staged, options, readers)
    staged.item.result.dossiers = len(dossiers)
    staged.out.write("manifest.json", manifest(staged, dossiers))
    staged.out.commit()


def _part(staged: Staged, d: DocOut) -> Part:
    assert d.pdf_path is not None
    return Part(d.doc.title, staged.out.path(d.pdf_path))


def _dossiers(staged: Staged, options: BuildOptions, readers: Readers) -> list[dict[str, Any]]:
    """One dossier per proposed nominee (shared documents + their own report) and one per batch."""
    batch = staged.batch
    shared = [d for kind in SHARED_KINDS for d in staged.docs if d.doc.kind == kind]
    short = next((d for d in staged.docs if d.doc.kind == "trich-ngang"), None)
    reports = {
        d.doc.nominee.id: d
        for d in staged.docs
        if d.doc.kind == "bao-cao-thanh-tich" and d.doc.nominee
    }
    entries = []
    for index, nominee in enumerate(batch.proposed, start=1):
        own = reports.get(nominee.id) or short
        docs = [*shared, *([own] if own else [])]
        title = f"Hồ sơ đề nghị khen thưởng – {nominee.name}"
        path = f"{DOSSIER_DIR}/{index:02d}-{slug(nominee.name)}.pdf"
        entries.append(
            _dossier(
                staged,
                options,
                readers,
                nominee,
                title,
                path,
                docs,
                [_part(staged, d) for d in docs],
            )
        )
    groups = [_part(staged, d) for d in shared] + ([_part(staged, short)] if short else [])
    report_parts = tuple(
        Part(d.doc.nominee.name, _part(staged, d).pdf) for d in reports.values() if d.doc.nominee
    )
    if report_parts:
        groups.append(Part("Báo cáo thành tích", children=report_parts))
    every = [*shared, *([short] if short else []), *reports.values()]
    title = f"Hồ sơ đề nghị khen thưởng – {batch.info.unit} – {batch.info.review.label}"
    entries.append(_dossier(staged, options, readers, None, title, BATCH_DOSSIER, every, groups))
    return entries


def _dossier(
    staged: Staged,
    options: BuildOptions,
    readers: Readers,
    nominee: Nominee | None,
    title: str,
    path: str,
    docs: list[DocOut],
    parts: list[Part],
) -> dict[str, Any]:
    """Bundle one dossier, or link it from the previous build when its parts are unchanged."""
    info = staged.batch.info
    meta = Metadata(title, info.unit, info.plan.movement)
    outline = [(p.title, [c.title for c in p.children]) for p in parts]
    dossier_key = cache.key(
        "dossier", [d.entry["pdf"]["sha256"] for d in docs], outline, meta, options.duplex
    )
    base = {"nominee": nominee.id if nominee else None, "title": title, "key": dossier_key}
    previous = None if options.force else staged.item.previous.dossier(dossier_key)
    if previous is not None:
        staged.out.reuse(path, staged.item.previous.folder / previous["path"])
        return {**base, **{k: previous[k] for k in ("sha256", "bytes", "pages")}, "path": path}
    data, pages = bundle(parts, meta, duplex=options.duplex, readers=readers)
    staged.out.write(path, data)
    return {**base, **_file_entry(data, path), "pages": pages}


def _finding(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in ("file", "text")}


def manifest(staged: Staged, dossiers: list[dict[str, Any]]) -> bytes:
    """The batch's manifest.json: plan, input, nominees, every file with its sha256 and pages."""
    batch, info = staged.batch, staged.batch.info
    data = {
        "hoso_version": __version__,
        "fast_key": staged.item.fast_key,
        "workbook": batch.path.name,
        "workbook_sha256": batch.sha256,
        "plan": info.plan.id,
        "review": info.review.id,
        "award": info.award.id,
        "nominees": [
            {"id": n.id, "name": n.name, "kind": n.kind, "passed": n.passed} for n in batch.nominees
        ],
        "documents": [d.entry for d in staged.docs],
        "dossiers": dossiers,
        "findings": [
            {k: v for k, v in f.as_dict().items() if k not in ("file", "text")}
            for f in staged.item.result.check.findings
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
