"""DOCX→PDF conversion as a protocol: jobs, results, failures in Vietnamese, finding LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pipeline.errors import ConversionError

INSTALL_HINT = "Cài đặt bằng: make demo hoặc sudo apt-get install libreoffice-writer-nogui"
UNO_HINT = "Cài đặt bằng: make demo hoặc sudo apt-get install python3-uno"
# Debian's LibreOffice lives here even when /usr/bin is not on PATH (e.g. under cron or systemd).
_FALLBACK_SOFFICE = ("/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice")


@dataclass(frozen=True)
class ConversionJob:
    """One DOCX to convert; `label` names the document in messages (e.g. "Tờ trình")."""

    source: Path
    target: Path
    label: str
    timeout: float | None = None  # seconds; None = the converter's default
    # Attempts at most (each failed one restarts LibreOffice); None = the converter's default.
    attempts: int | None = None
    # Options of LibreOffice's PDF export filter (FilterData), e.g. (("IsSkipEmptyPages", True),)
    pdf_options: tuple[tuple[str, bool | int | str], ...] = ()


@dataclass(frozen=True)
class ConversionResult:
    """The outcome of one job; `error` is a Vietnamese reason when `ok` is False."""

    job: ConversionJob
    ok: bool
    error: str | None
    seconds: float
    attempts: int
    # Why the document was converted alone though others were combined (None: it was not).
    fallback: str | None = None


class Converter(Protocol):
    """Anything that turns DOCX files into PDFs: the LibreOffice pool, a fake in tests."""

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert every job; return one result per job, in job order, failures included."""
        ...

    def close(self) -> None:
        """Release every resource (processes, temp dirs); safe to call twice."""
        ...


class OneByOne:
    """A converter handing another its jobs one at a time: for a few documents so large (a
    period's list or Biên bản of thousands of rows) that two at once would add one LibreOffice's
    worth of memory to the peak (bench/README.md) for a few seconds saved."""

    def __init__(self, inner: Converter) -> None:
        self.inner = inner

    def convert(
        self,
        jobs: Sequence[ConversionJob],
        on_result: Callable[[ConversionResult], None] | None = None,
    ) -> list[ConversionResult]:
        """Convert every job, one after the other, in job order."""
        return [result for job in jobs for result in self.inner.convert([job], on_result)]

    def close(self) -> None:
        """Nothing of its own: the inner converter is closed by whoever opened it."""


# How a failure that is the disk's, not the document's, begins (see pipeline.pdf.worker): where
# the PDF goes, or where LibreOffice keeps its profile and scratch files.
NOT_WRITTEN = "không ghi được tệp PDF vào "
TEMP_NOT_WRITTEN = "không ghi được vào thư mục tạm "


def disk_problem(message: str) -> bool:
    """Whether a conversion failed because of a disk (full, read-only…), not of a document.

    >>> disk_problem("Không chuyển được sang PDF 3 tài liệu: " + NOT_WRITTEN + "/o-day: …")
    True
    """
    return NOT_WRITTEN in message or TEMP_NOT_WRITTEN in message


def raise_on_failure(results: Iterable[ConversionResult]) -> None:
    """Raise ConversionError naming each document that could not be converted, if any."""
    failed = [r for r in results if not r.ok]
    if not failed:
        return

    def describe(r: ConversionResult) -> str:
        tries = f" (đã thử {r.attempts} lần)" if r.attempts > 1 else ""
        return f"“{r.job.label}”: {r.error}{tries}"

    if len(failed) == 1:
        raise ConversionError(f"Không chuyển được sang PDF tài liệu {describe(failed[0])}.")
    if len({r.error for r in failed}) == 1 and str(failed[0].error).startswith(NOT_WRITTEN):
        # One cause for all (a full disk): said once, not once per document.
        raise ConversionError(
            f"Không chuyển được sang PDF {len(failed)} tài liệu: {failed[0].error}."
        )
    lines = "\n".join(f"  - {describe(r)}" for r in failed)
    raise ConversionError(f"Không chuyển được sang PDF {len(failed)} tài liệu:\n{lines}")


def default_pool_size() -> int:
    """One worker per CPU this process may run on (LibreOffice converts on one core)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def find_soffice(soffice: str | os.PathLike[str] | None = None) -> Path:
    """Locate the soffice launcher, or raise ConversionError with install instructions.

    `soffice` (or else $HOSO_SOFFICE) may be a path or a command name; without either, PATH and
    the usual install locations are searched.
    """
    soffice = soffice or os.environ.get("HOSO_SOFFICE") or None
    if soffice is not None:
        path = Path(soffice)
        found = shutil.which(str(path)) if path.name == str(path) else None
        if found or (path.is_file() and os.access(path, os.X_OK)):
            return Path(found or path)
        raise ConversionError(f"Không tìm thấy LibreOffice (soffice) tại {path}. {INSTALL_HINT}")
    for candidate in ("soffice", "libreoffice", *_FALLBACK_SOFFICE):
        if found := shutil.which(candidate):
            return Path(found)
    raise ConversionError(f"Không tìm thấy LibreOffice (soffice). {INSTALL_HINT}")


def check_uno_python(python: str) -> None:
    """Fail early, in Vietnamese, when the interpreter for the UNO client lacks `uno`."""
    try:
        probe = subprocess.run(
            [python, "-I", "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            env=child_env(),
        )
    except (OSError, subprocess.TimeoutExpired):
        probe = None
    if probe is None or probe.returncode != 0:
        raise ConversionError(
            f"Không dùng được cầu nối Python–UNO của LibreOffice với {python} "
            f"(thiếu gói python3-uno). {UNO_HINT}"
        )


def child_env() -> dict[str, str]:
    """Environment for the system python: without the venv/pyenv variables that would confuse it."""
    drop = {"PYTHONHOME", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    return {k: v for k, v in os.environ.items() if k not in drop}
