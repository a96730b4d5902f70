"""The stages of one workbook's build, each a function of the previous stage's value.

check → documents → preflight → render → convert → keep signed → bundle → commit, as
`build_workbook` runs them for one workbook; `pipeline.build.overlap` calls the same functions for many workbooks.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline import __version__
from pipeline.build import cache
from pipeline.build.cache import Digests, Previous
from pipeline.build.dossiers import DossierSpec, dossier_specs
from pipeline.build.foreign import carry_foreign
from pipeline.build.manifest import (
    MANIFEST,
    MANIFEST_VERSION,
    SIGNED_DIR,
    DocumentEntry,
    DossierEntry,
    FileEntry,
    FindingEntry,
    Manifest,
    NomineeEntry,
    PdfEntry,
    SetAsideEntry,
)
from pipeline.build.options import BatchResult, BuildOptions
from pipeline.build.output import KEPT, BatchFolder
from pipeline.build.progress import Progress
from pipeline.build.signed import carry_signed, workbook_place
from pipeline.check import CheckResult, check_file
from pipeline.check.model import Batch
from pipeline.documents import Document, documents_for, template_keys
from pipeline.errors import ConversionError, HosoError, TemplateError
from pipeline.pdf.bundle import Metadata, Part, Readers, bundle_pdfs
from pipeline.pdf.converter import (
    ConversionJob,
    ConversionResult,
    Converter,
    disk_problem,
    raise_on_failure,
)
from pipeline.resources import TEMPLATES_DIR

# docxtpl and python-docx are imported when a build renders (`renderer`): `hoso check` and the
# other commands import this module through the CLI and would pay for them on every run.
if TYPE_CHECKING:
    from pipeline.render import Renderer


@dataclass(frozen=True)
class Run:
    """What every stage of a build reads: the options, who watches, folder hashes done once."""

    options: BuildOptions
    progress: Progress
    digests: Digests
    # Each template problem said, and the workbook whose result said it: said once per build.
    told: dict[str, str] = dataclasses.field(default_factory=dict)
    # One Renderer per template lookup order: each template read, prepared (docxtpl's
    # per-template work) and checked once per build, not once per workbook. Only the thread
    # running the stages uses them (the conversion thread of pipeline.build.overlap never does).
    renderers: dict[tuple[Path, ...], Renderer] = dataclasses.field(default_factory=dict)


def renderer(run: Run, plan_templates: Path | None) -> Renderer:
    """The build's Renderer of the user's, the plan's and the built-in templates."""
    from pipeline.render import Renderer, TemplateSet  # here: see the TYPE_CHECKING comment

    templates = TemplateSet.build(run.options.templates, plan_templates)
    if templates.folders not in run.renderers:
        run.renderers[templates.folders] = Renderer(templates)
    return run.renderers[templates.folders]


def build_workbook(path: Path, sha256: str, run: Run, converter: Converter | None) -> BatchResult:
    """One workbook, stage after stage: check → documents → preflight → render → convert →
    keep signed → bundle → commit. Nothing is written unless the check passes; a failure keeps the previous
    output as it was."""
    checked = check(path, sha256, run)
    if checked.batch is None:
        return BatchResult(checked)
    try:
        return produce(documents(checked, run), run, converter)
    except HosoError as exc:
        return BatchResult(checked, error=str(exc))


def produce(planned: Planned, run: Run, converter: Converter | None) -> BatchResult:
    """A planned batch's stages after documents: preflight → render → convert → keep signed →
    bundle → commit."""
    preflight(planned)
    with staging(planned.folder) as out:
        rendered = render(planned, out, run)
        converted = convert(rendered, conversions([rendered], converter, run)[0])
        bundled = bundle(keep_signed(converted), run)
        return commit(bundled)


# -- check -----------------------------------------------------------------------------------


def check(path: Path, sha256: str, run: Run) -> CheckResult:
    """Every cell and rule of the workbook (its digest computed once by the caller)."""
    return check_file(path, plans_dir=run.options.plans_dir, sha256=sha256)


# -- documents -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A checked batch with its documents, the renderer of its templates and its folder."""

    check: CheckResult
    batch: Batch
    documents: tuple[Document, ...]
    renderer: Renderer
    folder: Path
    fast_key: str
    previous: Previous
    told: dict[str, str] = dataclasses.field(default_factory=dict)  # the build's (Run.told)
    workbook_path: str = ""  # where the workbook is from its folder (Manifest.workbook_path)


def fast_key(sha256: str, plan_templates: Path | None, run: Run) -> str:
    """The key of everything a batch folder depends on (see cache.fast_key)."""
    o = run.options
    folders = [o.plans_dir, o.templates, TEMPLATES_DIR, plan_templates]
    digests = [run.digests.folder(f) for f in folders] + [run.digests.file(o.legal)]
    return cache.fast_key(sha256, digests, o.pdf, o.duplex)


def documents(checked: CheckResult, run: Run) -> Planned:
    """The documents the batch needs, each with its context and path."""
    batch = checked.batch
    assert batch is not None, "documents are planned for a checked batch"
    plan_dir = batch.info.plan.template_dir
    folder = run.options.out_dir / checked.path.stem
    docs = tuple(documents_for(batch))
    run.progress.planned(len(docs))
    key = fast_key(batch.sha256, plan_dir, run)
    place = run.options.workbook_path or workbook_place(checked.path, folder)
    return Planned(
        checked,
        batch,
        docs,
        renderer(run, plan_dir),
        folder,
        key,
        Previous(folder),
        run.told,
        workbook_path=place,
    )


# -- preflight -------------------------------------------------------------------------------


def preflight(planned: Planned) -> None:
    """Every template exists, parses, uses only keys its documents' contexts have and only the
    parts their values have, all said at once before anything is written."""
    keys, given = template_keys(), defaultdict[str, list[Mapping[str, Any]]](list)
    for d in planned.documents:
        given[d.template].append(d.context)
    try:
        planned.renderer.preflight({t: keys[t] for t in given}, given, known=keys)
    except TemplateError as exc:
        raise TemplateError(_once(str(exc), planned.told, planned.check.label)) from None


def _once(said: str, told: dict[str, str], label: str) -> str:
    """Template problems said for an earlier workbook of the build referred to, not repeated."""
    lines = said.splitlines()
    before = sorted({told[line] for line in lines if line in told})
    new = [line for line in lines if line not in told]
    told.update(dict.fromkeys(new, label))
    if not before:
        return said
    again = f"{len(lines) - len(new)} lỗi của mẫu văn bản đã nêu ở {', '.join(before)} (xem trên)"
    return "\n".join([*new, f"Và {again}."]) if new else f"Có {again}: sửa mẫu rồi chạy lại."


# -- render ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RenderedDocument:
    """A document's DOCX in the staging folder, and the conversion its PDF still needs."""

    document: Document
    entry: DocumentEntry  # with its PDF when reused from the previous build
    pdf_path: str | None
    job: ConversionJob | None


@dataclass(frozen=True)
class Rendered:
    """A batch whose DOCX files are in the staging folder."""

    planned: Planned
    out: BatchFolder
    documents: tuple[RenderedDocument, ...]
    made: int
    reused: int

    @property
    def jobs(self) -> list[ConversionJob]:
        """The PDFs to make, in document order."""
        return [d.job for d in self.documents if d.job is not None]


@contextlib.contextmanager
def staging(folder: Path) -> Iterator[BatchFolder]:
    """A staging folder for a batch, dropped unless the batch is committed; errors name the
    batch's folder, not the staging folder."""
    out = BatchFolder(folder)
    try:
        yield out
    except HosoError as exc:
        out.abort()
        raise type(exc)(out.unstaged(str(exc))) from None  # the user never sees the staging
    except BaseException:
        out.abort()
        raise


def render(planned: Planned, out: BatchFolder, run: Run) -> Rendered:
    """Render every document that changed into the staging folder; link the ones that did not."""
    done = [_document(planned, out, doc, run) for doc in planned.documents]
    reused = sum(1 for _, was_reused in done if was_reused)
    items = tuple(item for item, _ in done)
    return Rendered(planned, out, items, len(items) - reused, reused)


def _document(
    planned: Planned, out: BatchFolder, doc: Document, run: Run
) -> tuple[RenderedDocument, bool]:
    """One document: reused when its key is in the previous build, else rendered."""
    info, pdf = planned.batch.info, run.options.pdf
    props = {"title": doc.title, "author": info.unit, "subject": info.plan.movement}
    doc_key = cache.key("doc", planned.renderer.blob_sha(doc.template), doc.context, props, pdf)
    pdf_path = doc.path.removesuffix(".docx") + ".pdf" if pdf else None
    previous = None if run.options.force else planned.previous.document(doc_key)
    if previous is not None:
        run.progress.document_done()
        return RenderedDocument(
            doc, _reuse(planned, out, previous, doc, pdf_path), pdf_path, None
        ), True
    data = planned.renderer.render(doc.template, doc.context, label=doc.title, properties=props)
    out.write(doc.path, data)
    entry = _entry(doc, FileEntry.of(data, doc.path), doc_key, None)
    job = ConversionJob(out.path(doc.path), out.path(pdf_path), doc.title) if pdf_path else None
    if job is None:
        run.progress.document_done()
    return RenderedDocument(doc, entry, pdf_path, job), False


def _entry(doc: Document, docx: FileEntry, key: str, pdf: PdfEntry | None) -> DocumentEntry:
    nominee = doc.nominee.id if doc.nominee else None
    return DocumentEntry(docx.path, docx.sha256, docx.bytes, doc.kind, nominee, doc.title, key, pdf)


def _reuse(
    planned: Planned, out: BatchFolder, previous: DocumentEntry, doc: Document, pdf_path: str | None
) -> DocumentEntry:
    """Link an unchanged DOCX (and its PDF) from the previous output, under today's names."""
    folder = planned.previous.folder
    out.reuse(doc.path, folder / previous.path)
    docx = FileEntry(doc.path, previous.sha256, previous.bytes)
    pdf = signed = None
    if pdf_path and previous.pdf is not None:
        out.reuse(pdf_path, folder / previous.pdf.path)
        pdf = PdfEntry(pdf_path, previous.pdf.sha256, previous.pdf.bytes, previous.pdf.pages)
        # The same PDF keeps the signed copy taken back for it (`hoso signed add`).
        if previous.signed is not None and planned.previous.intact(previous.signed):
            rel = f"{SIGNED_DIR}/{pdf_path}"
            out.reuse(rel, folder / previous.signed.path)
            signed = dataclasses.replace(previous.signed, path=rel)
    return dataclasses.replace(_entry(doc, docx, previous.key, pdf), signed=signed)


# -- convert ---------------------------------------------------------------------------------


def conversions(
    batches: Sequence[Rendered], converter: Converter | None, run: Run
) -> list[list[ConversionResult]]:
    """Convert the PDFs of several batches in one call: a worker never idles between batches."""
    jobs = [job for b in batches for job in b.jobs]
    if converter is None or not jobs:
        return [[] for _ in batches]
    try:
        results = converter.convert(jobs, on_result=lambda _r: run.progress.document_done())
    except ConversionError as exc:  # LibreOffice did not start (its temp folder's disk full…)
        raise _kept(exc) from None
    by_job = {id(r.job): r for r in results}
    return [[by_job[id(job)] for job in b.jobs] for b in batches]


def _kept(exc: ConversionError) -> ConversionError:
    """A conversion failure a disk caused, said with the previous output being kept (the batch
    is built in a staging folder, dropped on failure); any other as it is."""
    return ConversionError(f"{exc} {KEPT}") if disk_problem(str(exc)) else exc


@dataclass(frozen=True)
class Converted:
    """A batch with every document's PDF in the staging folder and recorded."""

    rendered: Rendered
    entries: tuple[DocumentEntry, ...]
    readers: Readers  # the parsed PDFs, shared by the dossiers that join them
    alone: tuple[str, ...] = ()  # why each PDF converted alone was (pipeline.pdf.combined)
    set_aside: tuple[SetAsideEntry, ...] = ()  # signed copies moved to da-ky/cu/ (keep_signed)


def convert(rendered: Rendered, results: Sequence[ConversionResult]) -> Converted:
    """Record each new PDF (sha256, pages); ConversionError naming every failed document."""
    try:
        raise_on_failure(results)
    except ConversionError as exc:
        raise _kept(exc) from None
    readers, entries = Readers(), []
    for d in rendered.documents:
        entry = d.entry
        if d.job is not None and d.pdf_path is not None:
            path = rendered.out.path(d.pdf_path)
            pdf = FileEntry.of(path.read_bytes(), d.pdf_path)
            pages = len(readers.get(path).pages)
            entry = _entry(
                d.document, entry, entry.key, PdfEntry(pdf.path, pdf.sha256, pdf.bytes, pages)
            )
        entries.append(entry)
    alone = tuple(r.fallback for r in results if r.fallback)
    return Converted(rendered, tuple(entries), readers, alone)


# -- keep signed -----------------------------------------------------------------------------


def keep_signed(converted: Converted) -> Converted:
    """Every signed copy of the previous build kept: with its document while the new PDF says
    the same, else under da-ky/cu/ and recorded (see pipeline.build.signed)."""
    rendered = converted.rendered
    carried = carry_signed(rendered.planned.folder, rendered.out, converted.entries)
    return dataclasses.replace(converted, entries=carried.documents, set_aside=carried.set_aside)


# -- bundle ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bundled:
    """A batch with its dossiers bundled (none without PDFs)."""

    converted: Converted
    dossiers: tuple[DossierEntry, ...]


def bundle(converted: Converted, run: Run) -> Bundled:
    """One dossier per proposed nominee and one for the batch, reused when unchanged."""
    if not run.options.pdf:
        return Bundled(converted, ())
    rendered = converted.rendered
    pdfs = {
        d.document.path: e.pdf for d, e in zip(rendered.documents, converted.entries, strict=True)
    }

    def part(doc: Document) -> Part:
        pdf = pdfs[doc.path]
        assert pdf is not None, "every document has its PDF before bundling"
        return Part(doc.title, rendered.out.path(pdf.path))

    specs = dossier_specs(rendered.planned.batch, [d.document for d in rendered.documents], part)
    return Bundled(converted, tuple(_dossier(converted, spec, pdfs, run) for spec in specs))


def _dossier(
    converted: Converted, spec: DossierSpec, pdfs: dict[str, PdfEntry | None], run: Run
) -> DossierEntry:
    """Bundle one dossier, or link it from the previous build when its parts are unchanged."""
    planned, out = converted.rendered.planned, converted.rendered.out
    info = planned.batch.info
    meta = Metadata(spec.title, info.unit, info.plan.movement)
    outline = [(p.title, [c.title for c in p.children]) for p in spec.parts]
    shas = [pdf.sha256 for d in spec.documents if (pdf := pdfs[d.path]) is not None]
    key = cache.key("dossier", shas, outline, meta, run.options.duplex)
    nominee = spec.nominee.id if spec.nominee else None
    previous = None if run.options.force else planned.previous.dossier(key)
    if previous is not None:
        out.reuse(spec.path, planned.previous.folder / previous.path)
        return DossierEntry(
            spec.path, previous.sha256, previous.bytes, previous.pages, nominee, spec.title, key
        )
    data, pages = bundle_pdfs(
        spec.parts, meta, duplex=run.options.duplex, readers=converted.readers
    )
    out.write(spec.path, data)
    file = FileEntry.of(data, spec.path)
    return DossierEntry(file.path, file.sha256, file.bytes, pages, nominee, spec.title, key)


# -- commit ----------------------------------------------------------------------------------


def commit(bundled: Bundled) -> BatchResult:
    """Write the manifest and swap the staging folder in for the batch's folder."""
    rendered = bundled.converted.rendered
    planned = rendered.planned
    # Last, so that the user's files give way to the paths this build writes.
    kept = carry_foreign(planned.previous.folder, planned.previous.manifest, rendered.out)
    rendered.out.write(MANIFEST, manifest(bundled).to_bytes())
    rendered.out.commit()
    return BatchResult(
        planned.check,
        folder=planned.folder,
        made=rendered.made,
        reused=rendered.reused,
        dossiers=len(bundled.dossiers),
        alone=bundled.converted.alone,
        set_aside=bundled.converted.set_aside,
        kept=kept,
    )


def manifest(bundled: Bundled) -> Manifest:
    """The batch's manifest: what it was made from, every file, the check's warnings."""
    planned = bundled.converted.rendered.planned
    batch, info = planned.batch, planned.batch.info
    return Manifest(
        manifest_version=MANIFEST_VERSION,
        hoso_version=__version__,
        fast_key=planned.fast_key,
        workbook=batch.path.name,
        workbook_sha256=batch.sha256,
        plan=info.plan.id,
        review=info.review.id,
        award=info.award.id,
        nominees=tuple(NomineeEntry(n.id, n.name, n.kind, n.passed) for n in batch.nominees),
        documents=bundled.converted.entries,
        dossiers=bundled.dossiers,
        findings=tuple(
            FindingEntry(f.severity, f.code, f.source.sheet, f.source.cell, f.message, f.also)
            for f in planned.check.findings
        ),
        set_aside=bundled.converted.set_aside,
        workbook_path=planned.workbook_path,
    )
