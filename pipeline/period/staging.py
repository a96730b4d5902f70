"""The period's results folder built whole in a staging folder beside it, then swapped in at once."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from pipeline.build.holder import HOLDER_NAME
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX, BatchFolder, OutputLock
from pipeline.errors import HosoError, OutputError

# Said after a failure before the swap: the results folder is as the last build left it.
UNCHANGED = "Chưa thay đổi gì trong {out}: kết quả của lần tạo trước vẫn giữ nguyên."


class ResultsFolder(BatchFolder):
    """OUT (ket-qua/) remade in a staging folder beside it, then swapped in by `commit`.

    The staging folder starts as the current OUT (hard links: every writer of the period replaces
    a file by renaming a new one into place, never writes into one), so the build keeps signed
    copies, hand edits and cu/ exactly as it does in place. The subfolders' lock files are not
    carried over (the build locks its own); the caller holds OUT's and theirs (`held`) until the
    swap, so that nobody writes into the OUT the swap replaces."""

    # OUT holds the user's files too, and `hoso period certificates` may make it without a
    # manifest: it is never refused as foreign, as a unit's batch folder would be.
    def _prepare(self) -> None:
        """Remove what interrupted period builds left beside OUT (the caller holds its lock)."""
        _clear_beside(self.final)

    def _fill(self) -> None:
        """The staging folder starts as OUT is now."""
        self._carry_over()

    def _before_swap(self) -> None:
        """Nothing to refuse: OUT is the period's own folder."""

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
                if name in (LOCK_NAME, HOLDER_NAME) and top != str(self.final):
                    continue  # OUT's own is the same file: waiters on it wait on the new OUT
                source, target = Path(top) / name, self.staging / rel_top / name
                if source.is_symlink():
                    os.symlink(os.readlink(source), target)
                else:
                    self.reuse((rel_top / name).as_posix(), source)

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
