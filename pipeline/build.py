"""build(): read → validate → context → render → (convert → bundle) → write, for many workbooks."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.documents import Document, documents_for
from pipeline.errors import HosoError, OutputError
from pipeline.model import Batch
from pipeline.output import BatchFolder
from pipeline.render import Renderer, TemplateSet
from pipeline.resources import PLANS_DIR
from pipeline.validate import CheckResult, check_files


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, which templates take precedence."""

    out_dir: Path = Path("output")
    templates: Path | None = None
    plans_dir: Path = PLANS_DIR


@dataclass(frozen=True)
class Written:
    """A file written for a batch, as the manifest lists it."""

    kind: str
    nominee: str | None
    path: str
    sha256: str


@dataclass
class BatchResult:
    """What happened to one workbook."""

    check: CheckResult
    folder: Path | None = None
    files: list[Written] = field(default_factory=list)
    error: str | None = None


@dataclass
class BuildReport:
    """The outcome of a build: every workbook's result and the time it took."""

    results: list[BatchResult]
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when every workbook was built, else the worst failure's code."""
        codes = [r.check.exit_code for r in self.results] + [1 for r in self.results if r.error]
        return max(codes, default=0)


@dataclass(frozen=True)
class _Planned:
    """A checked batch with the documents it needs and the renderer of its templates."""

    result: BatchResult
    batch: Batch
    documents: list[Document]
    renderer: Renderer
    folder: Path


def build(paths: Sequence[Path], options: BuildOptions = BuildOptions()) -> BuildReport:
    """Check every workbook, then produce the documents of each one that has no errors."""
    started = time.perf_counter()
    results = [BatchResult(c) for c in check_files(paths, plans_dir=options.plans_dir)]
    planned = _plan(results, options)
    for item in planned:
        try:
            _produce(item)
        except HosoError as exc:
            item.result.error = str(exc)
    return BuildReport(results, time.perf_counter() - started)


def _plan(results: list[BatchResult], options: BuildOptions) -> list[_Planned]:
    """Everything that can fail before writing: documents, contexts, templates, folder names."""
    planned, folders = [], {}
    for result in results:
        batch = result.check.batch
        if batch is None:
            continue
        folder = options.out_dir / result.check.path.stem
        if folder in folders:
            result.error = (
                f"Trùng tên thư mục kết quả {folder} với {folders[folder]}; hãy đổi tên một tệp."
            )
            continue
        folders[folder] = result.check.path
        try:
            templates = TemplateSet.build(options.templates, batch.info.plan.template_dir)
            renderer = Renderer(templates)
            documents = documents_for(batch)
            renderer.preflight(d.template for d in documents)
        except HosoError as exc:
            result.error = str(exc)
            continue
        planned.append(_Planned(result, batch, documents, renderer, folder))
    return planned


def _produce(item: _Planned) -> None:
    """Render every document of a batch into a staging folder, then swap it in."""
    out = BatchFolder(item.folder)
    try:
        info = item.batch.info
        props = {"author": info.unit, "subject": info.plan.movement}
        for doc in item.documents:
            data = item.renderer.render(doc, properties={**props, "title": doc.title})
            out.write(doc.path, data)
            nominee = doc.nominee.id if doc.nominee else None
            item.result.files.append(
                Written(doc.kind, nominee, doc.path, hashlib.sha256(data).hexdigest())
            )
        out.write("manifest.json", manifest(item.batch, item.result.files))
        out.commit()
    except OSError as exc:  # disk full, permissions: nothing half-written stays behind
        out.abort()
        raise OutputError(f"Không ghi được {item.folder}: {exc}") from None
    except BaseException:
        out.abort()
        raise
    item.result.folder = item.folder


def manifest(batch: Batch, files: list[Written]) -> bytes:
    """The batch's manifest.json: plan, input, nominees and every file with its sha256."""
    info = batch.info
    data = {
        "hoso_version": __version__,
        "workbook": batch.path.name,
        "workbook_sha256": batch.sha256,
        "plan": info.plan.id,
        "review": info.review.id,
        "award": info.award.id,
        "nominees": [
            {"id": n.id, "name": n.name, "kind": n.kind, "passed": n.passed} for n in batch.nominees
        ],
        "documents": [
            {"kind": f.kind, "nominee": f.nominee, "path": f.path, "sha256": f.sha256}
            for f in files
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
