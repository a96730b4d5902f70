"""A Converter that converts documents in groups: joined into one DOCX, converted once, split.

LibreOffice spends most of a short document's time on fixed costs, so `CombiningConverter`
joins the documents of one template set (pipeline.pdf.combine) into combined DOCX files of about
GROUP_SIZE documents, has the pool convert those, and cuts each PDF back at the markers
(pipeline.pdf.split). A document that cannot be joined (its package differs from the others', it
has fields or lists that would print differently, or none of the others is like it), and every
document of a combined PDF that fails to convert or to split, is converted alone: its result
says why (`fallback`).

`combining()` is how builds get one: for builds of several workbooks the splitting runs in a
second, spawned process (pypdf work would otherwise compete with rendering for the GIL). Like any
spawned process, it re-imports the caller's main module: a script that calls `build()` needs the
usual `if __name__ == "__main__":` guard (the `hoso` command and `python -m pipeline.cli` are fine).
"""

from __future__ import annotations

import contextlib
import logging
import math
import multiprocessing
import shutil
import signal
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import BrokenExecutor, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from pipeline.pdf.combine import (
    UNREADABLE,
    Package,
    combine,
    combine_key,
    marker_name,
    read_package,
    refusal,
)
from pipeline.pdf.converter import ConversionJob, ConversionResult, Converter
from pipeline.pdf.split import Piece, describe, split

log = logging.getLogger(__name__)

# Documents per combined DOCX, chosen by measurement (bench/measure_combined.py, bench/README.md).
GROUP_SIZE = 20
# With one lane (one warm worker: a correction to one workbook), up to this many in one group:
# one combined document of 27 converts in about 0.5 s, starting a second worker takes 1.2 s.
MAX_GROUP = 60
# Named destinations are the markers; blank pages LibreOffice inserts by itself (page number 1 on
# a left-hand page) are not pages of any document.
PDF_OPTIONS = (("ExportBookmarksToPDFDestination", True), ("IsSkipEmptyPages", True))
# Why a document was converted alone (`ConversionResult.fallback`), completing "because the
# document …": `pipeline.pdf.combine.refusal`'s reasons, or this one.
FAILED = "in ra khác đi khi chuyển chung với văn bản khác"
# A combined document LibreOffice could not convert (it died on it, or hung, or someone ended
# it): its documents are converted alone straight away, which is the retry, and finds the one
# at fault, if one is (its own error says so); the words blame no document.
GROUP_FAILED = "nằm trong nhóm chuyển chung mà LibreOffice dừng đột ngột hoặc bị treo"
UNJOINABLE = "có cấu trúc Word không ghép được"
# The only document of its kind (styles, page setup, headers…) among several converted: it has no
# partner. Said as a reason like the others, since a template unlike the rest is why; not when
# the build converts no more documents than it has lanes (then each goes alone anyway).
NO_PARTNER = (
    "không có văn bản nào khác cùng định dạng (kiểu chữ, lề trang, đầu và chân trang) "
    "để chuyển chung"
)


@dataclass(frozen=True)
class Group:
    """Documents converted as one: their jobs, and the combined DOCX's own job."""

    members: tuple[ConversionJob, ...]
    pieces: tuple[Piece, ...]
    job: ConversionJob


class CombiningConverter:
    """Converts through `pool` in combined documents; the rest of the build sees one result per
    job, as from any Converter. `lanes` is how many conversions the pool runs at once."""

    def __init__(
        self,
        pool: Converter,
        *,
        group_size: int = GROUP_SIZE,
        lanes: int = 1,
        splitter: Executor | None = None,
    ):
        self.pool = pool
        self.splitter = splitter  # a process that splits PDFs while this one renders
        self.group_size = max(1, group_size)
        self.lanes = max(1, lanes)
        self.combined = 0  # documents whose PDF was cut out of a combined PDF, for tests

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert every job; one result per job, in job order, failures included."""
        scratch = Path(tempfile.mkdtemp(prefix="hoso-combined-"))
        try:
            return self._convert(list(jobs), on_result, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    def _convert(
        self,
        jobs: list[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None,
        scratch: Path,
    ) -> list[ConversionResult]:
        groups, alone, refused = self._plan(jobs, scratch)
        by_job: dict[int, ConversionResult] = {}
        retry: dict[int, tuple[ConversionJob, str]] = {}  # by job id: the job, and why

        def done(result: ConversionResult) -> None:
            by_job[id(result.job)] = result
            if on_result is not None:
                on_result(result)

        splitting: list[tuple[Group, ConversionResult, Future[list[int]]]] = []

        def finish(group: Group, result: ConversionResult, split_call: Callable[[], object]):
            split_results = _split(group, result, split_call)
            if split_results is None:
                retry.update((id(m), (m, FAILED)) for m in group.members)
            else:
                self.combined += len(split_results)
                for item in split_results:
                    done(item)

        def first_pass(result: ConversionResult) -> None:
            group = groups.get(id(result.job))
            if group is None:
                done(replace(result, fallback=refused.get(id(result.job))))
            elif not result.ok:
                log.info("combined conversion failed (%s); converting one by one", result.error)
                retry.update((id(m), (m, GROUP_FAILED)) for m in group.members)
            elif (future := self._submit(group, result)) is not None:
                splitting.append((group, result, future))
            else:
                finish(group, result, lambda: split(result.job.target, group.pieces))

        self.pool.convert([*(g.job for g in groups.values()), *alone], first_pass)
        for group, result, future in splitting:
            finish(group, result, future.result)
        if retry:
            jobs_again = [job for job, _ in retry.values()]
            self.pool.convert(jobs_again, lambda r: done(replace(r, fallback=retry[id(r.job)][1])))
        return [by_job[id(job)] for job in jobs]

    def _submit(self, group: Group, result: ConversionResult) -> Future[list[int]] | None:
        """Hand the split to the splitter process, if there is one that still works."""
        if self.splitter is None:
            return None
        for member in group.members:
            member.target.parent.mkdir(parents=True, exist_ok=True)
        try:
            return self.splitter.submit(split, result.job.target, group.pieces)
        except (BrokenExecutor, RuntimeError) as exc:  # it died: split here from now on
            log.info("splitter process unusable (%s); splitting in this process", exc)
            self.splitter = None
            return None

    def _plan(
        self, jobs: list[ConversionJob], scratch: Path
    ) -> tuple[dict[int, Group], list[ConversionJob], dict[int, str]]:
        """Groups by combine key (each with its combined DOCX written), and the jobs to convert
        alone; `refused` says by job id why those that could not be joined were not."""
        by_key: dict[str, list[tuple[ConversionJob, Package]]] = {}
        alone: list[ConversionJob] = []
        refused: dict[int, str] = {}
        for job in jobs:
            try:
                package = read_package(job.source)
            except (OSError, ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
                log.debug("not combined: %s: %s", job.source, exc)  # the pool says why
                package = None
            key = combine_key(package) if package is not None else None
            if key is None or package is None:
                alone.append(job)
                refused[id(job)] = UNREADABLE if package is None else refusal(package) or ""
            else:
                by_key.setdefault(key, []).append((job, package))
        groups: dict[int, Group] = {}
        for members in by_key.values():
            if len(members) == 1 and len(jobs) > self.lanes:
                alone.append(members[0][0])
                refused[id(members[0][0])] = NO_PARTNER
                continue
            for chunk in _chunks(members, self._count(len(members))):
                if len(chunk) == 1:  # one of a lane's share: alone by choice, no slower
                    alone.append(chunk[0][0])
                    continue
                group = _group(chunk, scratch / f"{len(groups) + 1:05d}")
                if group is None:
                    alone.extend(job for job, _ in chunk)
                    refused.update((id(job), UNJOINABLE) for job, _ in chunk)
                else:
                    groups[id(group.job)] = group
        return groups, alone, refused

    def _count(self, documents: int) -> int:
        """How many combined documents: about group_size each, at least one per lane."""
        if self.lanes == 1:
            return math.ceil(documents / max(MAX_GROUP, self.group_size))
        return max(math.ceil(documents / self.group_size), min(self.lanes, documents))

    def close(self) -> None:
        """Close the pool."""
        self.pool.close()


def _chunks(items: list, count: int) -> list[list]:
    """`items` in `count` consecutive chunks of nearly equal size."""
    size, extra = divmod(len(items), count)
    chunks, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        chunks.append(items[start:end])
        start = end
    return [c for c in chunks if c]


def _group(chunk: list[tuple[ConversionJob, Package]], stem: Path) -> Group | None:
    """Write the combined DOCX of a chunk; None when it cannot be joined after all."""
    pieces = []
    for index, (job, package) in enumerate(chunk):
        sizes, metadata = describe(package.document, package.core)
        pieces.append(Piece(marker_name(index), job.target, sizes, metadata))
    source = stem.with_suffix(".docx")
    try:
        combine([p for _, p in chunk], source)
    except (ValueError, StopIteration, OSError, zipfile.BadZipFile) as exc:
        log.debug("not combined (%s): %s", exc, [str(j.source) for j, _ in chunk])
        return None
    label = ", ".join(j.label for j, _ in chunk)
    # One attempt: when it fails, converting its documents alone is the retry (and finds the one
    # LibreOffice dies on, without restarting LibreOffice for the whole group again and again).
    job = ConversionJob(
        source, stem.with_suffix(".pdf"), label, attempts=1, pdf_options=PDF_OPTIONS
    )
    return Group(tuple(j for j, _ in chunk), tuple(pieces), job)


def _split(
    group: Group, result: ConversionResult, split_call: Callable[[], object]
) -> list[ConversionResult] | None:
    """Each member's result from its group's PDF; None when they must be redone alone."""
    started = time.monotonic()
    for member in group.members:
        member.target.parent.mkdir(parents=True, exist_ok=True)
    try:
        split_call()
    except Exception as exc:  # SplitError, a broken PDF, a dead splitter: all mean "not verified"
        log.info("combined PDF not split (%s); converting one by one", exc)
        for piece in group.pieces:
            piece.target.unlink(missing_ok=True)
        return None
    share = (result.seconds + time.monotonic() - started) / len(group.members)
    return [ConversionResult(m, True, None, share, result.attempts) for m in group.members]


def alone_text(reasons: Sequence[str]) -> str:
    """The summary's words on documents converted alone: how many, and why, commonest first."""
    counts = Counter(reasons).most_common()
    head = f"{len(reasons)} văn bản phải chuyển PDF riêng lẻ (vẫn đúng, chỉ chậm hơn)"
    if len(counts) == 1:
        return f"{head} vì {counts[0][0]}"
    return f"{head}: " + ", ".join(f"{n} văn bản {reason}" for reason, n in counts)


@contextlib.contextmanager
def combining(pool: Converter, *, lanes: int, many: bool) -> Iterator[CombiningConverter]:
    """A CombiningConverter over `pool`; with `many` documents to come, PDFs are split in a
    second process, so that splitting does not compete with rendering for one interpreter."""
    if not many or multiprocessing.current_process().daemon:  # a daemon may not have children
        yield CombiningConverter(pool, lanes=lanes)
        return
    context = multiprocessing.get_context("spawn")  # never fork a process that has threads
    with ProcessPoolExecutor(1, mp_context=context, initializer=_leave_stops_to_hoso) as splitter:
        with _ctrl_c_held():  # started now, holding a Ctrl-C until it ignores one
            splitter.submit(int).result()
        yield CombiningConverter(pool, lanes=lanes, splitter=splitter)


def _leave_stops_to_hoso() -> None:
    """In the splitter: Ctrl-C, which a terminal sends to every process of the command, is left
    to hoso, which stops the build and then this process (no English traceback of its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C held back while a process starts (it inherits the hold, so one pressed while it
    imports is dropped once it ignores it); hoso gets its own when the start is over."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
