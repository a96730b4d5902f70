"""What a period build no longer makes leaves the places of current documents: a unit withdrawn or
with errors, the office's documents of a period with errors, a register or certificates decided
no more. hoso's own unsigned files are removed (the build makes them again once the period is
right); a folder or file holding anything else (a signed copy, a hand edit, the user's own file)
moves whole, unaltered, into OUT/cu/. Called by the holder of the folder's lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.cache import sha256_file
from pipeline.build.manifest import MANIFEST, Manifest, read_manifest
from pipeline.build.output import STAGING_PREFIX, safe_relative
from pipeline.build.signed import restore_signed
from pipeline.errors import OutputError
from pipeline.files import reason

OUTDATED_DIR = "cu"  # OUT/cu/: outdated documents kept because they hold signed or user files
CERTIFICATES_DIR = "phoi"  # as pipeline.period.certificates.CERTIFICATES_OUT
# The files hoso writes at the office's top level besides its batch folders (pipeline.period.extras).
_EXTRA_NAMES = ("thong-ke.xlsx", "thong-ke.png", "thong-ke.pdf", "so-theo-doi-khen-thuong.xlsx")
_STOCKS = ("giay-khen", "bang-khen")


@dataclass(frozen=True)
class Outdated:
    """What a build took away from where current documents live (paths relative to OUT)."""

    removed: tuple[str, ...] = ()  # hoso's own unsigned files and folders, deleted
    moved: tuple[tuple[str, str], ...] = ()  # (was, now under cu/): kept whole, unaltered
    restored: tuple[tuple[str, str], ...] = ()  # (folder, title): its signed copy back from cu/
    resign: tuple[tuple[str, str], ...] = ()  # (folder, title): its copy in cu/ says otherwise

    def __add__(self, other: Outdated) -> Outdated:
        pairs = zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)
        return Outdated(*(a + b for a, b in pairs))


def drop_batches(parent: Path, current: Iterable[Path], out_dir: Path) -> Outdated:
    """The batch folders under `parent` (hoso's: they have a manifest) this build did not make
    or try to make (`current`): removed when they hold only hoso's unchanged files, else moved."""
    keep = {p.name for p in current}
    removed, moved = [], []
    for folder in _folders(parent):
        if folder.name in keep or not (folder / MANIFEST).is_file():
            continue
        rel = folder.relative_to(out_dir).as_posix() + "/"
        if _only_hosos(folder, read_manifest(folder)):
            _remove_folder(folder)
            removed.append(rel)
        else:
            moved.append((rel, _move(folder, out_dir) + "/"))
    return Outdated(tuple(removed), tuple(moved))


def drop_extras(
    office: Path, made: Iterable[Path], recorded: Mapping[str, str], out_dir: Path
) -> Outdated:
    """The statistics, register and certificates this build did not write: removed when their
    bytes are those the last period manifest recorded (`recorded`: path → sha256), else moved."""
    made_now = {p.resolve() for p in made}
    candidates = {out_dir / rel for rel in recorded if _inside(rel, office, out_dir)}
    candidates |= _extra_places(office)
    removed, moved = [], []
    for path in sorted(candidates):
        if path.resolve() in made_now or path.is_symlink() or not path.is_file():
            continue
        rel = path.relative_to(out_dir).as_posix()
        if recorded.get(rel) == _digest(path):
            _unlink(path)
            removed.append(rel)
        else:
            moved.append((rel, _move(path, out_dir)))
    _prune(office / CERTIFICATES_DIR)
    return Outdated(tuple(removed), tuple(moved))


def restore_signed_copies(folders: Iterable[Path], out_dir: Path) -> Outdated:
    """The signed copies of a batch folder moved into cu/ by an earlier build (the unit or the
    period had errors) brought back into the folder made again: with each document that says the
    same; a changed document's copy goes to the folder's da-ky/cu/, to be signed again."""
    restored, resign = [], []
    for folder in folders:
        if not folder.is_relative_to(out_dir):
            continue  # not one of the results folder's (nothing of it can be in cu/)
        rel = folder.relative_to(out_dir)
        earlier = _earlier(out_dir / OUTDATED_DIR / rel)
        if not earlier:
            continue
        done = restore_signed(folder, earlier)
        restored += [(rel.as_posix(), title) for title in done.titles]
        resign += [
            (rel.as_posix(), t) for t in dict.fromkeys(e.title or "" for e in done.set_aside)
        ]
    return Outdated(restored=tuple(restored), resign=tuple(resign))


def _earlier(first: Path) -> list[Path]:
    """The folders `_move` made of one batch folder (first, then -2, -3…), newest first."""
    found = []
    n, path = 2, first
    while path.is_dir():
        found.append(path)
        path = first.with_name(f"{first.name}-{n}")
        n += 1
    return found[::-1]


def recorded_files(data: Mapping) -> dict[str, str]:
    """The other files a period manifest (parsed) listed: path → sha256."""
    files = data.get("files") if isinstance(data, Mapping) else None
    return {
        f["path"]: f["sha256"]
        for f in files or ()
        if isinstance(f, Mapping) and isinstance(f.get("path"), str) and f.get("sha256")
    }


def _inside(rel: str, office: Path, out_dir: Path) -> bool:
    """Whether a path a manifest recorded is a plain path inside the office's folder (a manifest
    edited by hand never sends hoso elsewhere)."""
    try:
        safe_relative(rel)
    except OutputError:
        return False
    return (out_dir / rel).parent.is_relative_to(office)


def _folders(parent: Path) -> list[Path]:
    """The visible real folders of `parent` (none when it does not exist)."""
    try:
        entries = sorted(parent.iterdir()) if parent.is_dir() else []
    except OSError as exc:
        raise OutputError(f"Không đọc được {parent}: {reason(exc, 'đọc')}.") from None
    return [p for p in entries if not p.name.startswith(".") and p.is_dir() and not p.is_symlink()]


def _only_hosos(folder: Path, manifest: Manifest | None) -> bool:
    """Whether every file of a batch folder is one its manifest lists, with the bytes it lists:
    no signed copy (da-ky/ is never listed as made), no hand edit, no file of the user's."""
    if manifest is None:
        return False  # unreadable or of another version: nothing can be told apart
    entries = [*manifest.documents, *manifest.dossiers]
    entries += [d.pdf for d in manifest.documents if d.pdf is not None]
    made = {e.path: e.sha256 for e in entries}
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            continue
        rel = path.relative_to(folder).as_posix()
        if rel == MANIFEST:
            continue
        if path.is_symlink() or rel not in made or _digest(path) != made[rel]:
            return False
    return True


def _extra_places(office: Path) -> set[Path]:
    """Where hoso writes the period's other files, whether or not a manifest recorded them
    (`hoso period certificates` prints without one)."""
    places = {office / name for name in _EXTRA_NAMES}
    for award in _folders(office / CERTIFICATES_DIR):
        places |= {award / f"{kind}{end}.pdf" for kind in _STOCKS for end in ("", "-xem-truoc")}
    return places


def _digest(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:
        return ""  # unreadable: not provably hoso's, so it is moved, not removed


def _remove_folder(folder: Path) -> None:
    """Take a folder away at once (one rename: a reader sees it whole or not at all), then delete
    it; a build killed in between leaves a staging folder the next one sweeps."""
    gone = folder.with_name(f"{STAGING_PREFIX}{folder.name}-{secrets.token_hex(4)}")
    try:
        os.rename(folder, gone)
    except OSError as exc:
        raise OutputError(f"Không bỏ được {folder}: {reason(exc)}.") from None
    shutil.rmtree(gone, ignore_errors=True)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError as exc:
        raise OutputError(f"Không bỏ được {path}: {reason(exc)}.") from None


def _move(path: Path, out_dir: Path) -> str:
    """Move a file or folder to the same place under OUT/cu/ (a number added when taken);
    returns its new path relative to OUT."""
    rel = path.relative_to(out_dir)
    first = target = out_dir / OUTDATED_DIR / rel
    stem, suffix = (rel.name, "") if path.is_dir() else (rel.stem, rel.suffix)
    n = 2
    while target.exists() or target.is_symlink():
        target = first.with_name(f"{stem}-{n}{suffix}")
        n += 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(path, target)
    except OSError as exc:
        raise OutputError(f"Không chuyển được {path} vào {target.parent}: {reason(exc)}.") from None
    return target.relative_to(out_dir).as_posix()


def _prune(folder: Path) -> None:
    """Remove the certificates' folders left empty (the user's files keep theirs)."""
    with contextlib.suppress(OSError):  # a folder left behind is harmless
        for award in _folders(folder):
            if not any(award.iterdir()):
                award.rmdir()
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def outdated_text(out_dir: Path, outdated: Outdated, *, pdf: bool = True) -> list[str]:
    """What left the results because this build could not make it again; a build without PDFs
    (`pdf` false) says that is why the earlier PDFs left, not errors."""
    if not pdf:
        return _without_pdfs(out_dir, outdated)
    lines = []
    if outdated.removed:
        lines.append(
            f"Đã bỏ văn bản cũ không còn đúng mà lần này không tạo lại, trong {out_dir}/: "
            f"{_listed(outdated.removed)}. Chúng do hoso tạo, chưa ai ký hay sửa: hoso tạo lại "
            "khi hết lỗi."
        )
    if outdated.moved:
        moved = [f"{was} → {now}" for was, now in outdated.moved]
        lines.append(
            f"⚠ Đã chuyển vào {out_dir / OUTDATED_DIR}/ (không xóa, không sửa) văn bản cũ không "
            "còn đúng mà lần này không tạo lại, vì có bản đã ký, bản sửa tay hay tệp của bạn, "
            f"trong {out_dir}/: {_listed(moved)}. Đừng in, ký hay gửi văn bản trong đó."
        )
    if outdated.restored:
        lines.append(
            f"✓ Đã lấy lại từ {out_dir / OUTDATED_DIR}/ bản đã ký của văn bản tạo lại mà nội dung "
            f"không đổi, trong {out_dir}/: {_by_folder(outdated.restored)}."
        )
    if outdated.resign:
        lines.append(
            f"⚠ Bản đã ký trong {out_dir / OUTDATED_DIR}/ của văn bản nay đã khác nội dung: không "
            "dùng được cho văn bản mới, đã chép vào da-ky/cu/ của thư mục văn bản (không xóa). "
            f"Cần ký lại, trong {out_dir}/: {_by_folder(outdated.resign)}."
        )
    return lines


def _without_pdfs(out_dir: Path, outdated: Outdated) -> list[str]:
    """The earlier PDFs told apart from the rest: `--no-pdf`, not an error, took them away."""
    removed = tuple(p for p in outdated.removed if p.endswith(".pdf"))
    moved = tuple(m for m in outdated.moved if m[0].endswith(".pdf"))
    rest = Outdated(
        tuple(p for p in outdated.removed if p not in removed),
        tuple(m for m in outdated.moved if m not in moved),
        outdated.restored,
        outdated.resign,
    )
    lines = outdated_text(out_dir, rest)
    if removed or moved:
        kept = (
            f"; đã chuyển vào {out_dir / OUTDATED_DIR}/ (không xóa, không sửa): " if moved else ""
        )
        lines.append(
            "Lần này chạy với --no-pdf nên không tạo PDF: đã bỏ các PDF cũ, trong "
            f"{out_dir}/: {_listed([*removed, *(was for was, _ in moved)])}"
            f"{kept}{_listed([now for _, now in moved]) if moved else ''}. "
            "Chạy lại không có --no-pdf để tạo lại chúng."
        )
    return lines


def _by_folder(items: Sequence[tuple[str, str]]) -> str:
    """Titles grouped under their folder: "a/: x, y; b/: z"."""
    folders: dict[str, list[str]] = {}
    for folder, title in items:
        folders.setdefault(folder, []).append(title)
    return _listed([f"{folder}/: {', '.join(titles)}" for folder, titles in folders.items()])


def _listed(items: Sequence[str], shown: int = 6) -> str:
    """A few items, then how many more."""
    more = len(items) - shown
    return "; ".join(items[:shown]) + (f" và {more} mục khác" if more > 0 else "")
