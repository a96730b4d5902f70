"""The one writer of the output folder: a lock, a staging folder per batch, then an atomic swap."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from types import TracebackType

from filelock import FileLock, Timeout

from pipeline.build import holder, interrupt
from pipeline.build.cache import code_fingerprint
from pipeline.build.manifest import MANIFEST
from pipeline.errors import OutputError
from pipeline.files import file_mode, normal_permissions, reason

STAGING_PREFIX = ".hoso-tmp-"
OLD_PREFIX = ".hoso-old-"
LOCK_NAME = ".hoso.lock"
# What a failed batch leaves, said after a disk's error: it is built in a staging folder, so the
# previous output stays whole (the first worry of someone whose disk filled up).
KEPT = "Kết quả trước đó (nếu có) vẫn giữ nguyên."

# Staging folders dropped by `abort`: a conversion still running then (LibreOffice, the PDF
# splitter) may write into one again until it is stopped; `sweep` removes them once it is.
_dropped: set[Path] = set()


def unstaged(message: str) -> str:
    """A message with every staging or old folder's name replaced by its batch folder's name.

    >>> unstaged("Không ghi được out/.hoso-tmp-hoso-k2j_x9a1/van-ban/01-to-trinh.docx")
    'Không ghi được out/hoso/van-ban/01-to-trinh.docx'
    """
    message = re.sub(rf"{re.escape(STAGING_PREFIX)}([^/\\\s]+)-[A-Za-z0-9_]{{8}}", r"\1", message)
    return re.sub(rf"{re.escape(OLD_PREFIX)}([^/\\\s]+)", r"\1", message)


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
    (or the next build) removes the staging folder. Every error names the final path: the
    staging folder is hoso's business, never shown to the user.
    """

    def __init__(self, final: Path):
        self.final = final
        interrupt.check()
        self._prepare()
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            staging = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{final.name}-", dir=final.parent)
        except OSError as exc:
            raise self._error(exc, final) from None
        self.staging = Path(staging)
        try:
            normal_permissions(self.staging)  # mkdtemp makes it 0700: colleagues could not read
            self._fill()
        except OSError as exc:
            self.abort()
            raise self._error(exc, final) from None
        except BaseException:
            self.abort()
            raise

    # Hooks for a folder staged another way (pipeline.period.staging's results folder).
    def _prepare(self) -> None:
        """Before staging: a final folder hoso did not make is refused, never replaced."""
        refuse_foreign(self.final)

    def _fill(self) -> None:
        """The staging folder's first contents: none, a batch is built from scratch."""

    def _before_swap(self) -> None:
        """Just before the swap: a final folder made meanwhile by someone else is refused."""
        refuse_foreign(self.final)

    def unstaged(self, message: str) -> str:
        """A message about this batch with the staging folder's name replaced by the final one."""
        return unstaged(message.replace(str(self.staging), str(self.final)))

    def _error(self, exc: OSError, what: Path) -> OutputError:
        """An OS error while writing `what` (a final path), said with what it means for the user."""
        return OutputError(f"Không ghi được {what}: {reason(exc)}. {KEPT}")

    def path(self, rel: str) -> Path:
        """Where a relative path lives inside the staging folder (checked to stay inside it)."""
        return self.staging.joinpath(*safe_relative(rel).parts)

    def write(self, rel: str, data: bytes) -> Path:
        """Write one file into the staging folder."""
        interrupt.check()
        target = self.path(rel)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            raise self._error(exc, self.final / rel) from None
        return target

    def reuse(self, rel: str, previous: Path) -> Path:
        """Bring an unchanged file over from the previous output (a hard link when possible)."""
        interrupt.check()
        target = self.path(rel)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(previous, target)
            except OSError:
                shutil.copy2(previous, target)
        except OSError as exc:
            raise self._error(exc, self.final / rel) from None
        return target

    def commit(self) -> None:
        """Replace the final folder by the staging folder: two renames, old copy removed last.

        Not after a stop was asked for; a signal during the swap waits until it is whole."""
        interrupt.check()
        self._before_swap()
        with interrupt.uninterrupted():
            self._swap()

    def _swap(self) -> None:
        old = None
        try:
            if self.final.exists():
                old = self.final.parent / f"{OLD_PREFIX}{self.final.name}"
                if old.exists():
                    shutil.rmtree(old)
                os.rename(self.final, old)
            os.rename(self.staging, self.final)
        except OSError as exc:
            if old is not None and old.exists() and not self.final.exists():
                with contextlib.suppress(OSError):  # else the next build's recover() does it
                    os.rename(old, self.final)  # the previous output back where it was
            raise self._error(exc, self.final) from None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Drop the staging folder; the previous output stays as it was."""
        _dropped.add(self.staging)
        shutil.rmtree(self.staging, ignore_errors=True)


def sweep() -> None:
    """Remove what is left of the staging folders dropped so far (once conversions stopped)."""
    while _dropped:
        shutil.rmtree(_dropped.pop(), ignore_errors=True)


def refuse_foreign(final: Path) -> None:
    """OutputError when `final` holds something of the user's that a swap would replace: a file
    (or link) with the batch folder's name, or a folder hoso did not make (no manifest.json) that
    is not empty. hoso replaces only its own batch folders."""
    try:
        if final.is_symlink() or (final.exists() and not final.is_dir()):
            raise OutputError(
                f"Đã có tệp {final} trùng tên với thư mục kết quả của tệp Excel này; hoso không "
                "ghi đè hay ẩn tệp đó. Hãy đổi tên hoặc chuyển tệp đó đi (hoặc chọn thư mục kết "
                "quả khác) rồi chạy lại."
            )
        if final.is_dir() and not (final / MANIFEST).exists() and any(final.iterdir()):
            raise OutputError(
                f"Đã có thư mục {final} không do hoso tạo (không có {MANIFEST}); hoso không "
                "ghi đè thư mục đó. Hãy đổi tên hoặc chuyển thư mục đó đi (hoặc chọn thư mục "
                "kết quả khác) rồi chạy lại."
            )
    except OSError as exc:
        raise OutputError(f"Không đọc được {final}: {reason(exc, 'đọc')}.") from None


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


# Told, before a wait for the output folder, what to say about it: who holds it when known
# (a holder.Waiting, which names the holder for whoever says it in other words).
OnWait = Callable[[str], None]


class OutputBusy(OutputError):
    """Another build held the output folder for the whole wait; `holder` is who, when known."""

    def __init__(self, message: str, holder: holder.Holder | None) -> None:
        super().__init__(message)
        self.holder = holder


class OutputLock:
    """One build at a time per output folder: an exclusive lock on DIR/.hoso.lock.

    The lock is the operating system's (flock), so a build that was killed holds nothing: the
    next one takes the lock and clears what the killed one left (`recover`). A folder the lock
    made that holds nothing else when it is released (a first build that failed) is removed
    again: the user finds nothing new after a failure.
    """

    def __init__(self, out_dir: Path, *, wait: float, on_wait: OnWait | None = None):
        self.out_dir, self.wait, self.on_wait = out_dir, wait, on_wait
        self._lock: FileLock | None = None
        self._made: list[Path] = []  # the folders _open made, deepest first

    def __enter__(self) -> OutputLock:
        # The code this process loaded is fingerprinted before any wait: hoso's files may change
        # on disk meanwhile (an upgrade, a checkout being worked on), and keys taken after the
        # wait would name code this process does not run, so the output the build it waited for
        # just made, from the same code, would not be reused.
        code_fingerprint()
        lock = self._open()
        try:
            try:
                self._acquire(lock)
            except FileNotFoundError:  # the folder went between filelock's mkdir and open
                lock = self._open()
                self._acquire(lock)
        except OSError as exc:
            raise _folder_error(exc, self.out_dir) from None
        self._lock = lock
        holder.record(self.out_dir)  # for whoever waits next: who holds the folder
        try:
            recover(self.out_dir)
        except OSError as exc:
            self.__exit__(None, None, None)
            raise _folder_error(exc, self.out_dir) from None
        return self

    def _open(self) -> FileLock:
        """Make the output folder (a file, or a folder that cannot be written, said plainly)."""
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise OutputError(
                f"Thư mục kết quả {self.out_dir} là một tệp, không phải thư mục; "
                "hãy chọn thư mục khác bằng -o."
            )
        self._made = [p for p in (self.out_dir, *self.out_dir.parents) if not p.exists()]
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _folder_error(exc, self.out_dir) from None
        return FileLock(self.out_dir / LOCK_NAME, mode=file_mode())

    def _acquire(self, lock: FileLock) -> None:
        """Take the lock now, or say so and wait up to `wait` seconds, then refuse."""
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if self.on_wait is not None and self.wait > 0:  # no wait: the refusal says it all
                self.on_wait(holder.busy_text(self.out_dir, holder.read(self.out_dir)))
            try:
                lock.acquire(timeout=self.wait)
            except Timeout:
                # Read again: the build waited for may have finished and another one taken over.
                now = holder.read(self.out_dir)
                raise OutputBusy(holder.refusal_text(self.out_dir, now, self.wait), now) from None

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._lock is not None:
            holder.forget(self.out_dir)
            unmake = self._made and _only_lock(self.out_dir)
            # Unlinked while held: a waiter then locks a new file (filelock remakes the folder).
            if unmake:
                with contextlib.suppress(OSError):
                    (self.out_dir / LOCK_NAME).unlink()
            self._lock.release()
            self._lock = None
            if unmake:
                _remove_empty(self._made)


def _only_lock(out_dir: Path) -> bool:
    """True when out_dir holds nothing but its lock file (nothing of a build, nothing of the
    user's)."""
    try:
        return [p.name for p in out_dir.iterdir()] == [LOCK_NAME]
    except OSError:
        return False


def _remove_empty(folders: list[Path]) -> None:
    """Remove folders this process made, deepest first, while they are empty: rmdir never
    removes anything in them (a waiting build's new lock file, a file of the user's)."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _folder_error(exc: OSError, out_dir: Path) -> OutputError:
    """The output folder cannot be made or written."""
    return OutputError(f"Không ghi được vào thư mục kết quả {out_dir}: {reason(exc)}.")
