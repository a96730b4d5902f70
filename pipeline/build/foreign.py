"""What a person put into a batch folder, or changed there, survives every rebuild.

A batch folder is hoso's: each build replaces it whole. But clerks save files into it (a PDF
signed with `hoso sign`, a package, a note) and edit the documents it holds (a typo fixed in
Word). The manifest says which files hoso made and with which bytes; anything else, and any
listed file whose bytes changed, is carried into the new folder: at its own path when the build
does not write there, else under sua-tay/ (hand-edited copies) or tep-khac/ (other files).
da-ky/ is carried by pipeline.build.signed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from pipeline.build.cache import sha256_file
from pipeline.build.manifest import MANIFEST, SIGNED_DIR, Manifest
from pipeline.build.output import BatchFolder
from pipeline.errors import OutputError
from pipeline.files import reason

EDITED_DIR = "sua-tay"  # hoso's documents edited by hand, kept when a rebuild writes them anew
OTHER_DIR = "tep-khac"  # the user's own files whose path the rebuild now writes
_LOCKS = ("~$", ".~lock.")  # Word's and LibreOffice's lock files of an open document
# Folders whose files were said when they were put there (or are hoso sign/package's): kept, not
# listed again at every rebuild.
_KNOWN = (f"{EDITED_DIR}/", f"{OTHER_DIR}/", "goi-nop/")
_SHOWN = 5  # paths listed in a line; the rest counted


@dataclass(frozen=True)
class Kept:
    """A file of the previous folder carried over: where it is now, and why."""

    path: str  # relative to the batch folder
    edited: bool  # a document hoso made that was changed by hand (else the user's own file)
    moved_from: str | None = None  # its own path, when the rebuild writes a document there
    quiet: bool = False  # said before (in a kept folder), or a signed copy hoso holds already


def carry_foreign(previous: Path, manifest: Manifest | None, out: BatchFolder) -> tuple[Kept, ...]:
    """Bring into the staging folder every file of `previous` that hoso did not make, and every
    file it made that was changed since; call once everything new is in the staging folder."""
    if manifest is None or not previous.is_dir():
        return ()
    made = _made(manifest)
    signed = {d.signed.sha256 for d in manifest.documents if d.signed is not None}
    kept = []
    for path in sorted(previous.rglob("*")):
        rel = path.relative_to(previous).as_posix()
        if rel == MANIFEST or rel.startswith(f"{SIGNED_DIR}/") or path.name.startswith(_LOCKS):
            continue
        if path.is_symlink():
            kept.append(_link(path, rel, out))
            continue
        if not path.is_file():
            continue
        record = made.get(rel)
        if record is not None and not _changed(path, *record):
            continue
        carried = _carry(path, rel, record is not None, out)
        quiet = rel.startswith(_KNOWN) or _digest(path) in signed
        kept.append(replace(carried, quiet=quiet) if quiet else carried)
    return tuple(kept)


def _link(path: Path, rel: str, out: BatchFolder) -> Kept:
    """A symbolic link the user made, made again as the link it is (even to nothing)."""
    target = rel if not out.path(rel).exists() else f"{OTHER_DIR}/{rel}"
    at = out.path(target)
    try:
        at.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(os.readlink(path), at)
    except OSError as exc:
        raise OutputError(f"Không giữ được liên kết {path}: {reason(exc)}.") from None
    return Kept(target, False, rel if target != rel else None)


def _digest(path: Path) -> str:
    """A file's digest ("" when it cannot be read: it was linked over, so that is said already)."""
    try:
        return sha256_file(path)
    except OSError:
        return ""


def _made(manifest: Manifest) -> dict[str, tuple[str, int]]:
    """Every file the manifest lists as hoso's, with its digest and size."""
    entries = [*manifest.documents, *manifest.dossiers]
    entries += [d.pdf for d in manifest.documents if d.pdf is not None]
    return {e.path: (e.sha256, e.bytes) for e in entries}


def _changed(path: Path, sha256: str, size: int) -> bool:
    """Whether a file hoso made no longer has the bytes it was made with."""
    try:
        if path.stat().st_size != size:
            return True
        return sha256_file(path) != sha256
    except OSError as exc:
        raise OutputError(f"Không đọc được {path}: {reason(exc, 'đọc')}.") from None


def _carry(path: Path, rel: str, edited: bool, out: BatchFolder) -> Kept:
    """Link one file into the staging folder at the first free place of its own path, then
    under sua-tay/ or tep-khac/ (with a number when that is taken too)."""
    target = PurePosixPath(rel)
    if edited or out.path(rel).exists():
        target = PurePosixPath(EDITED_DIR if edited else OTHER_DIR) / rel
        n = 2
        while out.path(target.as_posix()).exists():
            base = PurePosixPath(EDITED_DIR if edited else OTHER_DIR) / rel
            target = base.with_name(f"{base.stem}-{n}{base.suffix}")
            n += 1
    out.reuse(target.as_posix(), path)
    moved = rel if not edited and target.as_posix() != rel else None
    return Kept(target.as_posix(), edited, moved)


def kept_text(folder: Path, kept: Sequence[Kept]) -> list[str]:
    """What the user must know about the files a rebuild kept (nothing when there are none)."""
    said = [k for k in kept if not k.quiet]
    edited = [k.path for k in said if k.edited]
    moved = [k for k in said if k.moved_from]
    own = [k.path for k in said if not k.edited and not k.moved_from]
    lines = []
    if edited:
        lines.append(
            f"⚠ {folder}: {len(edited)} văn bản đã bị sửa tay sau lần tạo trước; hoso tạo văn bản "
            f"theo tệp Excel (bỏ văn bản không còn trong tệp Excel) và giữ bản sửa tay ở: "
            f"{_listed(edited)}. Muốn giữ nội dung sửa, hãy sửa trong tệp Excel (hoặc mẫu văn "
            "bản) rồi tạo lại."
        )
    if moved:
        where = "; ".join(f"{k.moved_from} → {k.path}" for k in moved[:_SHOWN])
        lines.append(
            f"⚠ {folder}: {len(moved)} tệp của bạn nằm đúng chỗ hoso nay ghi văn bản, đã chuyển "
            f"sang {OTHER_DIR}/ (không xóa): {where}{'…' if len(moved) > _SHOWN else ''}."
        )
    if own:
        lines.append(
            f"ℹ {folder}: giữ nguyên {len(own)} tệp không do hoso tạo: {_listed(own)}. Bản đã "
            "ký hãy đưa vào bằng “hoso signed add” để hoso kiểm tra và giữ cùng văn bản."
        )
    return lines


def _listed(paths: Sequence[str]) -> str:
    """A few paths, then how many more."""
    more = len(paths) - _SHOWN
    return ", ".join(paths[:_SHOWN]) + (f" và {more} tệp khác" if more > 0 else "")
