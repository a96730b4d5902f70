"""The period's results folder built whole in a staging folder beside it, then swapped in at once."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.build import interrupt
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX, BatchFolder, OutputLock
from pipeline.errors import HosoError, OutputError
from pipeline.files import normal_permissions

# Said after a failure before the swap: the results folder is as the last build left it.
UNCHANGED = "Chưa thay đổi gì trong {out}: kết quả của lần tạo trước vẫn giữ nguyên."


class ResultsFolder(BatchFolder):
    """OUT (ket-qua/) remade in a staging folder beside it, then swapped in by `commit`.

    The staging folder starts as the current OUT (hard links: every writer of the period replaces
    a file by renaming a new one into place, never writes into one), so the build keeps signed
    copies, hand edits and cu/ exactly as it does in place. The subfolders' lock files are not
    carried over (the build locks its own); the caller holds OUT's and theirs (`held`) until the
    swap, so that nobody writes into the OUT the swap replaces."""

    def __init__(self, final: Path):  # not BatchFolder's: OUT holds the user's files too
        interrupt.check()
        self.final = final
        _clear_beside(final)
        try:
            staging = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{final.name}-", dir=final.parent)
        except OSError as exc:
            raise self._error(exc, final) from None
        self.staging = Path(staging)
        try:
            normal_permissions(self.staging)  # mkdtemp makes it 0700: colleagues could not read
            self._carry_over()
        except OSError as exc:
            self.abort()
            raise self._error(exc, final) from None
        except BaseException:
            self.abort()
            raise

    def _carry_over(self) -> None:
        """Everything OUT holds, into the staging folder (leftovers of hoso's own swaps aside)."""
        for top, dirs, files in os.walk(self.final):
            dirs[:] = [d for d in dirs if not d.startswith((STAGING_PREFIX, OLD_PREFIX))]
            rel_top = Path(top).relative_to(self.final)
            for name in dirs:
                source, target = Path(top) / name, self.staging / rel_top / name
                if source.is_symlink():  # os.walk lists a link to a folder among folders
                    os.symlink(os.readlink(source), target)
                else:
                    target.mkdir()
            for name in files:
                if name == LOCK_NAME and top != str(self.final):
                    continue  # OUT's own is the same file: waiters on it wait on the new OUT
                source, target = Path(top) / name, self.staging / rel_top / name
                if source.is_symlink():
                    os.symlink(os.readlink(source), target)
                else:
                    self.reuse((rel_top / name).as_posix(), source)

    def commit(self) -> None:
        """Replace OUT by the staging folder (two renames, the old one removed last)."""
        interrupt.check()
        with interrupt.uninterrupted():
            self._swap()

    def failed(self, exc: HosoError) -> OutputError:
        """A failure before the swap, said with the final paths and that nothing changed."""
        self.abort()
        said = self.unstaged(str(exc)).removesuffix(".")
        return OutputError(f"{said}. {UNCHANGED.format(out=self.final)}")


@contextlib.contextmanager
def held(out: Path, folders: Iterable[str], wait: float) -> Iterator[None]:
    """The locks of OUT's subfolders that others write into alone (a signed copy taken back into
    don-vi/ or tong-hop/), held while OUT is remade: a write there would be lost in the swap."""
    with contextlib.ExitStack() as stack:
        for name in folders:
            if (out / name).is_dir():
                stack.enter_context(OutputLock(out / name, wait=wait))
        yield


def restore_interrupted(final: Path) -> None:
    """OUT back from its old copy when a build stopped between the swap's two renames; called
    before taking OUT's lock (which makes the folder) so that the old copy is not lost."""
    old = final.parent / f"{OLD_PREFIX}{final.name}"
    if not final.exists() and old.is_dir():
        with contextlib.suppress(OSError):  # another build restored it first
            os.rename(old, final)


def _clear_beside(final: Path) -> None:
    """Remove what interrupted period builds left beside OUT (the caller holds OUT's lock)."""
    for leftover in final.parent.glob(f"{STAGING_PREFIX}{final.name}-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.rmtree(final.parent / f"{OLD_PREFIX}{final.name}", ignore_errors=True)
