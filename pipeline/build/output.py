"""The one writer of the output folder: a lock, a staging folder per batch, then an atomic swap."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from types import TracebackType

from filelock import FileLock, Timeout

from pipeline.errors import OutputError
from pipeline.vietnamese import format_decimal

STAGING_PREFIX = ".hoso-tmp-"
OLD_PREFIX = ".hoso-old-"
LOCK_NAME = ".hoso.lock"


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


def recover(out_dir: Path) -> None:
    """Undo interrupted swaps and clear the staging folders of interrupted builds.

    Only the holder of the folder's lock may call this: another build's staging folder is not
    a leftover while that build runs.
    """
    for old in out_dir.glob(f"{OLD_PREFIX}*"):
        final = out_dir / old.name.removeprefix(OLD_PREFIX)
        if final.exists():
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(old, final)  # crashed between the two renames: the old output comes back
    for leftover in out_dir.glob(f"{STAGING_PREFIX}*"):
        shutil.rmtree(leftover, ignore_errors=True)


class OutputLock:
    """One build at a time per output folder: an exclusive lock on DIR/.hoso.lock.

    The lock is the operating system's (flock), so a build that was killed holds nothing: the
    next one takes the lock and clears what the killed one left (`recover`).
    """

    def __init__(self, out_dir: Path, *, wait: float, on_wait: Callable[[], None] | None = None):
        self.out_dir, self.wait, self.on_wait = out_dir, wait, on_wait
        self._lock: FileLock | None = None

    def __enter__(self) -> OutputLock:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._lock = FileLock(self.out_dir / LOCK_NAME)
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            if self.on_wait is not None:
                self.on_wait()
            try:
                self._lock.acquire(timeout=self.wait)
            except Timeout:
                raise OutputError(
                    f"Thư mục kết quả {self.out_dir} đang được một lần tạo hồ sơ khác ghi "
                    f"(đã chờ {format_decimal(self.wait, 1)} giây); hãy chờ lần đó xong rồi chạy lại."
                ) from None
        recover(self.out_dir)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._lock is not None:
            self._lock.release()
