"""What a person put into a batch folder, or changed there, survives every rebuild.

A batch folder is hoso's: each build replaces it whole. But clerks save files into it (a PDF
signed with `hoso sign`, a package, a note) and edit the documents it holds (a typo fixed in
Word). The manifest says which files hoso made and with which bytes; anything else, and any
listed file whose bytes changed, is carried into the new folder: at its own path when the build
does not write there, else under sua-tay/ (hand-edited copies) or tep-khac/ (other files).
da-ky/ is carried by pipeline.build.signed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.build.manifest import MANIFEST, SIGNED_DIR, Manifest
from pipeline.build.output import BatchFolder
from pipeline.errors import OutputError
from pipeline.files import reason

EDITED_DIR = "sua-tay"  # hoso's documents edited by hand, kept when a rebuild writes them anew
OTHER_DIR = "tep-khac"  # the user's own files whose path the rebuild now writes
_LOCKS = ("~$", ".~lock.")  # Word's and LibreOffice's lock files of an open document


@dataclass(frozen=True)
class Kept:
    """A file of the previous folder carried over: where it is now, and why."""

    path: str  # relative to the batch folder
    edited: bool  # a document hoso made that was changed by hand (else the user's own file)


def carry_foreign(previous: Path, manifest: Manifest | None, out: BatchFolder) -> tuple[Kept, ...]:
    """Bring into the staging folder every file of `previous` that hoso did not make, and every
    file it made that was changed since; call once everything new is in the staging folder."""
    if manifest is None or not previous.is_dir():
        return ()
    made = _made(manifest)
    kept = []
    for path in sorted(previous.rglob("*")):
        rel = path.relative_to(previous).as_posix()
        if not path.is_file() or rel == MANIFEST or rel.startswith(f"{SIGNED_DIR}/"):
            continue
        if path.name.startswith(_LOCKS):
            continue
        record = made.get(rel)
        if record is not None and not _changed(path, *record):
            continue
        kept.append(_carry(path, rel, record is not None, out))
    return tuple(kept)


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
        return hashlib.sha256(path.read_bytes()).hexdigest() != sha256
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
    return Kept(target.as_posix(), edited)


def kept_text(folder: Path, kept: Sequence[Kept]) -> list[str]:
    """What the user must know about the files a rebuild kept (nothing when there are none)."""
    edited = [k.path for k in kept if k.edited]
    own = [k.path for k in kept if not k.edited]
    lines = []
    if edited:
        lines.append(
            f"⚠ {folder}: {len(edited)} văn bản đã bị sửa tay sau lần tạo trước; hoso tạo lại "
            f"văn bản mới và giữ bản sửa tay ở: {', '.join(edited)}. Muốn giữ nội dung sửa, hãy "
            "sửa trong tệp Excel (hoặc mẫu văn bản) rồi tạo lại."
        )
    if own:
        lines.append(
            f"ℹ {folder}: giữ nguyên {len(own)} tệp không do hoso tạo: {', '.join(own)}. Bản đã "
            "ký hãy đưa vào bằng “hoso signed add” để hoso kiểm tra và giữ cùng văn bản."
        )
    return lines
