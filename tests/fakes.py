"""Test doubles: FakeConverter stands in for LibreOffice in orchestration tests."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from docx import Document
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from pipeline.pdf.converter import ConversionJob, ConversionResult

A4_POINTS = (595.28, 841.89)


def docx_text(path: Path) -> str:
    """All paragraph and table text of a DOCX, one paragraph per line."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(lines)


class FakeConverter:
    """A Converter that writes a blank one-page A4 PDF per job, instantly, without LibreOffice.

    The PDF's metadata carries the label (/Title) and the DOCX's text (/Subject), so a test can
    tell which document a page came from. Jobs whose label is in `fail` fail at once; jobs in
    `hang` behave like a LibreOffice that never answers: they wait `hang_seconds` per attempt
    and fail with a timeout after `retries` + 1 attempts, as LibreOfficePool reports it.
    """

    def __init__(
        self,
        fail: Iterable[str] = (),
        hang: Iterable[str] = (),
        *,
        hang_seconds: float = 0.01,
        retries: int = 2,
    ) -> None:
        self.fail = set(fail)
        self.hang = set(hang)
        self.hang_seconds = hang_seconds
        self.retries = retries
        self.batches: list[list[ConversionJob]] = []  # every convert() call, for assertions
        self.closed = False

    def __enter__(self) -> FakeConverter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert (or fail) every job in order; call `on_result` after each one."""
        if self.closed:
            raise RuntimeError("FakeConverter is closed")
        self.batches.append(list(jobs))
        results = []
        for job in jobs:
            result = self._convert_one(job)
            results.append(result)
            if on_result is not None:
                on_result(result)
        return results

    def _convert_one(self, job: ConversionJob) -> ConversionResult:
        """Produce the result LibreOfficePool would give for this job."""
        started = time.monotonic()
        if job.label in self.hang:
            attempts = self.retries + 1
            time.sleep(self.hang_seconds * attempts)
            error = f"quá thời gian chờ {job.timeout or 60:g} giây"
            return ConversionResult(job, False, error, time.monotonic() - started, attempts)
        if job.label in self.fail:
            error = "LibreOffice không đọc hoặc không xuất được (lỗi giả lập)"
            return ConversionResult(job, False, error, time.monotonic() - started, 1)
        write_blank_pdf(job.target, title=job.label, text=docx_text(job.source))
        return ConversionResult(job, True, None, time.monotonic() - started, 1)

    def close(self) -> None:
        """Mark the converter closed (there is nothing to release)."""
        self.closed = True


def write_blank_pdf(target: Path, title: str = "", text: str = "") -> None:
    """Write a valid one-page A4 PDF whose metadata holds `title` and `text`."""
    writer = PdfWriter()
    writer.add_blank_page(*A4_POINTS)
    writer.add_metadata(
        {
            NameObject("/Title"): TextStringObject(title),
            NameObject("/Subject"): TextStringObject(text),
        }
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as handle:
        writer.write(handle)
