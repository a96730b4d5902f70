"""The one writer of the output folder: build in a staging folder beside it, then swap it in."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from pipeline.errors import OutputError

STAGING_PREFIX = ".hoso-tmp-"
OLD_PREFIX = ".hoso-old-"


def safe_relative(rel: str) -> PurePosixPath:
    """A relative POSIX path that stays inside its folder; OutputError otherwise."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("", ".", "..") for p in path.parts):
        raise OutputError(f"Đường dẫn không an toàn trong thư mục kết quả: {rel!r}.")
    if any(ch in rel for ch in "\\\0") or any(ord(ch) < 32 for ch in rel):
        raise OutputError(f"Đường dẫn có ký tự không hợp lệ: {rel!r}.")
    return path


class BatchFolder:
    """Writes one batch's files into a staging folder; `commit` swaps it for the final folder.

    A failure or interruption before `commit` leaves the previous output untouched; `abort`
    (or the next build) removes the staging folder.
    """

    def __init__(self, final: Path):
        self.final = final
        final.parent.mkdir(parents=True, exist_ok=True)
        recover(final)
        self.staging = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{final.name}-", dir=final.parent)
        )

    def path(self, rel: str) -> Path:
        """Where a relative path lives inside the staging folder (checked to stay inside it)."""
        return self.staging.joinpath(*safe_relative(rel).parts)

    def write(self, rel: str, data: bytes) -> Path:
        """Write one file into the staging folder."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target

    def reuse(self, rel: str, previous: Path) -> Path:
        """Bring an unchanged file over from the previous output (a hard link when possible)."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(previous, target)
        except OSError:
            shutil.copy2(previous, target)
        return target

    def commit(self) -> None:
        """Replace the final folder by the staging folder: two renames, old copy removed last."""
        old = None
        if self.final.exists():
            old = self.final.parent / f"{OLD_PREFIX}{self.final.name}"
            if old.exists():
                shutil.rmtree(old)
            os.rename(self.final, old)
        os.rename(self.staging, self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staging folder; the previous output stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)


def recover(final: Path) -> None:
    """Undo an interrupted swap and clear leftovers of interrupted builds for this folder."""
    old = final.parent / f"{OLD_PREFIX}{final.name}"
    if old.exists():
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(old, final)  # crashed between the two renames: the old output comes back
    for leftover in final.parent.glob(f"{STAGING_PREFIX}{final.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
