"""`hoso period build`: every valid unit's dossier, then the office's documents for each award."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from pipeline.build import BuildOptions, BuildReport
from pipeline.build import build as build_units
from pipeline.build.build import unchanged
from pipeline.build.cache import Digests, Previous, sha256_file
from pipeline.build.options import BatchResult
from pipeline.build.output import OutputLock
from pipeline.build.progress import NullProgress, Progress
from pipeline.build.stages import Planned, Run, fast_key, produce, renderer
from pipeline.check import CheckResult
from pipeline.documents import Document
from pipeline.errors import HosoError
from pipeline.inputs import legal
from pipeline.pdf.combined import combining
from pipeline.pdf.converter import Converter, OneByOne
from pipeline.pdf.pool import LibreOfficePool
from pipeline.period.check import PeriodCheck, check_period
from pipeline.period.config import OFFICE_OUT, UNITS_OUT, Period
from pipeline.period.consolidate import Consolidated, consolidate
from pipeline.period.decision import decision_documents
from pipeline.period.documents import office_documents
from pipeline.period.extras import previous_keys, write_extras
from pipeline.period.manifest import PERIOD_MANIFEST, period_manifest, read_period_manifest
from pipeline.period.outdated import (
    Outdated,
    drop_batches,
    drop_extras,
    recorded_files,
    restore_signed_copies,
)
from pipeline.period.prizes import prizes_of
from pipeline.period.sheets import write_atomic
from pipeline.period.signatures import with_signatures
from pipeline.period.staging import ResultsFolder, held, restore_interrupted


class UnitBuilder(Protocol):
    """What builds the units' workbooks into OUT/don-vi: pipeline.build.build, or the same on a
    task queue's workers (pipeline.jobs.period), which this layer cannot import."""

    def __call__(
        self,
        paths: Sequence[Path],
        options: BuildOptions,
        *,
        converter: Converter | None = None,
        progress: Progress | None = None,
    ) -> BuildReport:
        """Build each workbook into options.out_dir/<name>/, exactly as `hoso build` does."""
        ...


@dataclass(frozen=True)
class PeriodBuild:
    """What a period build made: the check, the units' build, the office's folders."""

    checked: PeriodCheck
    units: BuildReport
    offices: tuple[tuple[str, BatchResult], ...]  # what the folder holds, and its result
    out_dir: Path
    extras: tuple[Path, ...] = ()  # statistics, register, certificates
    outdated: Outdated = field(
        default_factory=Outdated
    )  # what the last build made and this one could not

    @property
    def expected_made(self) -> tuple[int, int, int]:
        """The period's expected units whose dossier was made, the expected units in all, and
        the dossiers made of workbooks of no expected unit (built, said, counted apart)."""
        made = {r.check.path for r in self.units.results if r.folder is not None}
        expected = [u for u in self.checked.units if u.expected]
        mine = sum(u.file is not None and u.file in made for u in expected)
        others = sum(not u.expected and u.file in made for u in self.checked.units)
        return mine, len(expected), others

    @property
    def exit_code(self) -> int:
        """0 when everything was made, 1 when a unit or the period had errors."""
        failed = any(r.folder is None for _, r in self.offices)
        return max(self.units.exit_code, self.checked.exit_code, int(failed))


def build_period(
    period: Period,
    options: BuildOptions,
    progress: Progress | None = None,
    unit_builder: UnitBuilder = build_units,
    pool: LibreOfficePool | None = None,
) -> PeriodBuild:
    """Check the period, build every valid unit, then the office's documents of each award.

    unit_builder: who builds the units' dossiers (by default here; the CLI's --workers passes
    one that spreads them over a task queue's workers). The office's documents are made here.
    pool: a LibreOffice pool to use (a queue worker's, or the CLI's started before its imports),
    else one is started and closed.
    """
    # LibreOffice starts first, in the background, while the period is checked (a second or so
    # on either side): one worker, the rest once the check says more than one unit is to build.
    with _pool(options, pool) as started:
        checked = check_period(period)
        # A unit's second workbook is counted nowhere: it gets no dossier either.
        paths = [r.path for r in checked.results if r.batch is not None and not checked.is_copy(r)]
        options = replace(options, legal=options.legal or period.legal_file)
        with legal.using(options.legal):
            many = started is not None and _to_build(paths, options) > 1
            if many and isinstance(started, LibreOfficePool):  # not a caller's own converter
                started.warm_up()  # the workers not started yet
            with _converter(started, options, many=many) as converter:
                return _build(checked, paths, options, progress, unit_builder, converter)


def _build(
    checked: PeriodCheck,
    paths: list[Path],
    options: BuildOptions,
    progress: Progress | None,
    unit_builder: UnitBuilder,
    converter: Converter | None,
) -> PeriodBuild:
    """Everything made in a copy of the results folder, swapped in whole at the end: a failure
    (a file that cannot be written) leaves the results of the last build as they were."""
    out = options.out_dir
    # One period build at a time per results folder, said when it waits (the units' and the
    # office's folders have their own locks too, for whoever writes into one of them alone).
    waiting = progress.busy if progress is not None else None
    restore_interrupted(out)
    with (
        OutputLock(out, wait=options.wait, on_wait=waiting),
        held(out, (UNITS_OUT, OFFICE_OUT), options.wait),
    ):
        results = ResultsFolder(out)
        staged = replace(options, out_dir=results.staging)
        try:
            built = _build_in(checked, paths, staged, progress, unit_builder, converter)
        except HosoError as exc:
            raise results.failed(exc) from None
        except BaseException:
            results.abort()
            raise
        results.commit()
    return _moved(built, results.staging, out)


def _build_in(
    checked: PeriodCheck,
    paths: list[Path],
    options: BuildOptions,
    progress: Progress | None,
    unit_builder: UnitBuilder,
    converter: Converter | None,
) -> PeriodBuild:
    """The units, then the office's documents, statistics, register, certificates, manifest."""
    unit_options = replace(options, out_dir=options.out_dir / UNITS_OUT)
    office_options = replace(options, out_dir=options.out_dir / OFFICE_OUT)
    out = options.out_dir
    units = unit_builder(paths, unit_options, converter=converter, progress=progress)
    # A unit whose dossier failed has nothing to send up: none of its nominees in the office's
    # documents, statistics, register or certificates until its dossier is made.
    unbuilt = frozenset(r.check.path for r in units.results if r.folder is None)
    checked = replace(checked, unbuilt=checked.unbuilt | unbuilt)
    with OutputLock(unit_options.out_dir, wait=options.wait):
        # A unit withdrawn or with errors: its old dossier leaves don-vi/.
        outdated = drop_batches(unit_options.out_dir, [Path(p.stem) for p in paths], out)
        # A folder made again after its unit had errors: its signed copies back from cu/.
        made = [r.folder for r in units.results if r.folder is not None]
        outdated += restore_signed_copies(made, out)
    if checked.period.config.signed:
        # The units' signed copies against the documents just made: not all signed, intact
        # and by their signer, nothing of the period is consolidated, decided or printed.
        checked = with_signatures(checked, out)
    run = Run(office_options, NullProgress(), Digests())
    with OutputLock(office_options.out_dir, wait=options.wait):
        previous = previous_keys(out, options)
        recorded = recorded_files(read_period_manifest(out))
        upward = [(c, office_documents(c)) for c in consolidate(checked)]
        decided = [
            (c, decision_documents(checked.period, c, prizes_of(checked.period, c)))
            for c in consolidate(checked, decided=True)
        ]
        offices = tuple(
            (_what(label, docs), _office(c, docs, run, converter))
            for label, pairs in (
                ("Tờ trình, danh sách tổng hợp", upward),
                ("Quyết định, danh sách kèm theo", decided),
            )
            for c, docs in pairs
        )
        extras = write_extras(checked, office_options.out_dir, options, previous)
        # The office's documents and files this build could not make (the period has errors,
        # an award is decided no more…) leave where current ones live.
        awards = [Path(c.award.id) for c, _ in (*upward, *decided)]
        outdated += drop_batches(office_options.out_dir, awards, out)
        outdated += drop_extras(office_options.out_dir, extras.paths, recorded, out)
        made = [r.folder for _, r in offices if r.folder is not None]
        outdated += restore_signed_copies(made, out)
        results = (*units.results, *(r for _, r in offices))
        folders = [r.folder for r in results if r.folder is not None]
        manifest = period_manifest(checked, out, folders, extras.paths, extras.keys)
        write_atomic(out / PERIOD_MANIFEST, manifest)
    return PeriodBuild(checked, units, offices, out, extras.paths, outdated)


def _moved(built: PeriodBuild, staging: Path, final: Path) -> PeriodBuild:
    """What a build made in the staging folder, said where it is now (the results folder)."""

    def path(p: Path) -> Path:
        return final / p.relative_to(staging) if p.is_relative_to(staging) else p

    def result(r: BatchResult) -> BatchResult:
        folder = path(r.folder) if r.folder is not None else None
        error = r.error.replace(str(staging), str(final)) if r.error else r.error
        return replace(r, folder=folder, error=error)

    units = replace(
        built.units,
        results=tuple(result(r) for r in built.units.results),
        out_dir=path(built.units.out_dir),
    )
    offices = tuple((what, result(r)) for what, r in built.offices)
    extras = tuple(path(p) for p in built.extras)
    return replace(built, units=units, offices=offices, out_dir=final, extras=extras)


def _what(label: str, docs: Sequence[Document]) -> str:
    """What an office folder holds, as its line says: the Biên bản named when there is one."""
    return label + (", Biên bản Hội đồng" if any(d.kind == "bien-ban" for d in docs) else "")


@contextlib.contextmanager
def _pool(options: BuildOptions, given: LibreOfficePool | None) -> Iterator[LibreOfficePool | None]:
    """One LibreOffice pool for the units and the office (none without PDFs): `given` (a queue
    worker's, or the one `hoso period build` started first), or a new one with one worker
    starting now; the build warms the rest when more than one unit is to build."""
    if not options.pdf:
        yield None
    elif given is not None:
        yield given
    else:
        with LibreOfficePool() as pool:
            pool.warm_up(count=1)
            yield pool


@contextlib.contextmanager
def _converter(
    pool: LibreOfficePool | None, options: BuildOptions, *, many: bool
) -> Iterator[Converter | None]:
    """The pool's converter: documents joined before converting, and with `many` units to build
    split in a second process (as `hoso build` does with several workbooks)."""
    if pool is None or not options.combine:
        yield pool
        return
    with combining(pool, lanes=pool.size, many=many) as converter:
        yield converter


def _to_build(paths: Sequence[Path], options: BuildOptions) -> int:
    """How many of the units' workbooks their last build does not cover (each would be built)."""
    if options.force:
        return len(paths)
    run = Run(replace(options, out_dir=options.out_dir / UNITS_OUT), NullProgress(), Digests())
    todo = 0
    for path in paths:
        try:
            todo += unchanged(path, sha256_file(path), run) is None
        except OSError:  # gone since the check: the build says so
            todo += 1
    return todo


def _office(
    consolidated: Consolidated, docs: list[Document], run: Run, converter: Converter | None
) -> BatchResult:
    """The office's documents for one award, through the same stages as a unit's."""
    batch = consolidated.batch
    label = f"{batch.path} › {consolidated.award.name}"
    checked = CheckResult(batch.path, label, batch, ())
    plan_dir = batch.info.plan.template_dir
    folder = run.options.out_dir / consolidated.award.id
    planned = Planned(
        checked,
        batch,
        tuple(docs),
        renderer(run, plan_dir),  # shared by the build's awards: templates read once
        folder,
        fast_key(batch.sha256, plan_dir, run),
        Previous(folder),
    )
    try:
        # The office's documents are few and may be huge: one at a time (see OneByOne).
        return produce(planned, run, OneByOne(converter) if converter else None)
    except HosoError as exc:
        return BatchResult(checked, error=str(exc))
