"""Signed copies across rebuilds: kept while the new PDF says the same, else set aside to sign again.

A signed PDF under da-ky/ is the one file of a batch folder hoso cannot make again. The render
stage links the signed copy of every unchanged document; `carry_signed` handles the rest after a
rebuild that changed a document, was forced, or found a manifest of another version: a signed copy
stays with the document whose new PDF has the same text, and every other file of the previous
da-ky/ moves to da-ky/cu/, recorded so that the build can say which documents need signing again.
Nothing under da-ky/ is ever dropped; a folder left by a renamed workbook keeps its signed copies,
and `left_behind` finds it for the build to say so (`renamed_workbook` for `hoso signed add`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pipeline.build.manifest import (
    MANIFEST,
    SET_ASIDE_DIR,
    SIGNED_DIR,
    DocumentEntry,
    Manifest,
    SetAsideEntry,
    SignedEntry,
    read_manifest,
    write_manifest,
)
from pipeline.build.output import BatchFolder
from pipeline.errors import OutputError
from pipeline.files import reason, write_atomically
from pipeline.pdf.text import pdf_text


@dataclass(frozen=True)
class Carried:
    """The batch's documents with the signed copies they keep, and the copies set aside."""

    documents: tuple[DocumentEntry, ...]
    set_aside: tuple[SetAsideEntry, ...]


@dataclass(frozen=True)
class _OldFile:
    """A file of the previous da-ky/: where it was, its bytes' digest, what it was signed for."""

    rel: str
    path: Path
    sha256: str
    bytes: int
    signed: SignedEntry | None  # the manifest's record when the file is still what it recorded
    title: str | None
    document: str | None  # the path of the DOCX it was signed for


def carry_signed(previous: Path, out: BatchFolder, documents: Sequence[DocumentEntry]) -> Carried:
    """Bring every file of `previous`/da-ky/ into the staging folder: each signed copy with the
    document that still says the same (`documents`' PDFs are in `out`), the rest under da-ky/cu/."""
    old = _old_files(previous)
    if not old:
        return Carried(tuple(documents), ())
    linked = {d.signed.sha256 for d in documents if d.signed is not None}  # by the render stage
    loose = [f for f in old if f.signed is not None and f.sha256 not in linked]
    documents = _rejoin(loose, out, _unconverted(loose, out, documents))
    kept = {d.signed.sha256 for d in documents if d.signed is not None}
    set_aside = []
    # Files aside already keep their names; then the newly set aside find theirs free or not.
    for file in sorted(old, key=lambda f: not f.rel.startswith(f"{SET_ASIDE_DIR}/")):
        if file.sha256 in kept:
            continue
        entry = _set_aside(file, out)
        if entry is not None:
            set_aside.append(entry)
    return Carried(tuple(documents), tuple(set_aside))


def carry_into(out: BatchFolder) -> tuple[SetAsideEntry, ...]:
    """`carry_signed` for a batch folder made elsewhere (a worker's zip) and unpacked in `out`:
    its manifest rewritten with the signed copies kept; the copies set aside."""
    manifest = read_manifest(out.staging)
    documents = manifest.documents if manifest is not None else ()
    carried = carry_signed(out.final, out, documents)
    if manifest is not None:
        kept = dataclasses.replace(
            manifest, documents=carried.documents, set_aside=carried.set_aside
        )
        out.write(MANIFEST, kept.to_bytes())
    return carried.set_aside


@dataclass(frozen=True)
class Restored:
    """What `restore_signed` brought into a folder: the documents whose signed copy came back,
    and the copies of documents changed since, put under da-ky/cu/."""

    titles: tuple[str, ...] = ()
    set_aside: tuple[SetAsideEntry, ...] = ()


def restore_signed(folder: Path, earlier: Sequence[Path]) -> Restored:
    """The signed copies recorded in `earlier` folders (moved away whole, newest first) brought
    into `folder`, made again since: each with the document whose PDF has the same text; a copy
    of a document still made, unsigned, but changed goes under da-ky/cu/ to be signed again; all
    recorded in its manifest. Copies already there are skipped, so this says each copy once; the
    earlier folders stay as they are. The caller holds the folder's lock."""
    manifest = read_manifest(folder)
    if manifest is None:
        return Restored()
    have = {_sha(p) for p in (folder / SIGNED_DIR).rglob("*") if p.is_file()}
    documents, texts = list(manifest.documents), {}
    titles, unmatched = [], []
    old = [f for source in earlier for f in _old_files(source)]
    # A copy set aside in a later folder was said to need signing again then: not said twice.
    said = {f.sha256 for f in old if f.rel.startswith(f"{SET_ASIDE_DIR}/")}
    for file in old:
        if file.signed is None or file.sha256 in have:
            continue  # only copies recorded and intact, each once
        have.add(file.sha256)
        i = _same_text(file, folder, documents, texts)
        if i is None:
            unmatched.append(file)
            continue
        documents[i] = _copied_signed(file, folder, documents[i])
        titles.append(documents[i].title)
    # A document signed again since, or no longer made, needs nothing: its copy stays in cu/.
    unsigned = {d.title for d in documents if d.signed is None and d.pdf is not None}
    aside = [
        _copied_aside(f, folder) for f in unmatched if f.title in unsigned and f.sha256 not in said
    ]
    if titles or aside:
        kept = dataclasses.replace(
            manifest, documents=tuple(documents), set_aside=manifest.set_aside + tuple(aside)
        )
        write_manifest(folder, kept)
    return Restored(tuple(titles), tuple(aside))


def _same_text(
    file: _OldFile, folder: Path, documents: list[DocumentEntry], texts: dict[str, str]
) -> int | None:
    """The index of the unsigned document whose PDF (in `folder`) has the file's text, if any."""
    text = pdf_text(file.path.read_bytes())
    for i, doc in enumerate(documents):
        if not text or doc.signed is not None or doc.pdf is None:
            continue
        if (folder / SIGNED_DIR / doc.pdf.path).exists():
            continue  # a file of the user's at that name: never overwritten
        if doc.pdf.path not in texts:
            texts[doc.pdf.path] = pdf_text((folder / doc.pdf.path).read_bytes())
        if texts[doc.pdf.path] == text:
            return i
    return None


def _copied_signed(file: _OldFile, folder: Path, doc: DocumentEntry) -> DocumentEntry:
    """`doc` with a copy of the signed file as its signed form, at its PDF's path under da-ky/."""
    assert doc.pdf is not None
    rel = f"{SIGNED_DIR}/{doc.pdf.path}"
    write_atomically(folder / rel, lambda tmp: tmp.write_bytes(file.path.read_bytes()))
    return dataclasses.replace(doc, signed=_recorded(file, doc, rel))


def _copied_aside(file: _OldFile, folder: Path) -> SetAsideEntry:
    """A copy of a signed file whose document changed, under `folder`/da-ky/cu/ (a name taken by
    other bytes gets the file's digest added)."""
    inner = PurePosixPath(file.rel).relative_to(SIGNED_DIR)
    path = PurePosixPath(f"{SET_ASIDE_DIR}/{inner.as_posix()}")
    if (folder / path).exists():
        path = path.with_name(f"{path.stem}-{file.sha256[:8]}{path.suffix}")
    write_atomically(folder / path, lambda tmp: tmp.write_bytes(file.path.read_bytes()))
    return SetAsideEntry(str(path), file.sha256, file.bytes, file.title)


def _old_files(previous: Path) -> list[_OldFile]:
    """Every file under the previous folder's da-ky/, with the manifest's record where it holds."""
    root = previous / SIGNED_DIR
    if not root.is_dir():
        return []
    manifest = read_manifest(previous)
    records = {
        d.signed.path: (d.signed, d.title, d.path)
        for d in (manifest.documents if manifest else ())
        if d.signed is not None
    }
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        rel = path.relative_to(previous).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise OutputError(
                f"Không đọc được bản đã ký {path}: {reason(exc, 'đọc')}. "
                "Bản đã ký không được bỏ mất: hãy sửa quyền đọc rồi tạo lại."
            ) from None
        sha = hashlib.sha256(data).hexdigest()
        signed, title, document = records.get(rel, (None, None, None))
        if signed is not None and signed.sha256 != sha:
            signed = None  # changed since it was taken back: kept aside, never trusted
        found.append(_OldFile(rel, path, sha, len(data), signed, title, document))
    return found


def _unconverted(
    loose: list[_OldFile], out: BatchFolder, documents: Sequence[DocumentEntry]
) -> list[DocumentEntry]:
    """A build without PDFs (--no-pdf) cannot compare texts: each document keeps the signed copy
    it had, where it was, for the next build with PDFs to compare."""
    result = list(documents)
    by_document = {f.document: f for f in loose}
    for i, doc in enumerate(result):
        file = by_document.get(doc.path)
        if doc.pdf is None and doc.signed is None and file is not None and file.signed is not None:
            out.reuse(file.rel, file.path)
            result[i] = dataclasses.replace(doc, signed=file.signed)
    return result


def _rejoin(
    loose: list[_OldFile], out: BatchFolder, documents: Sequence[DocumentEntry]
) -> list[DocumentEntry]:
    """Each loose signed copy linked to the new document with the same text, when there is one."""
    result = list(documents)
    if not loose:
        return result
    texts: dict[str, str] = {}  # the new PDFs' texts, each read once
    for file in loose:
        text = pdf_text(file.path.read_bytes())
        if not text:
            continue
        for i, doc in enumerate(result):
            if doc.signed is not None or doc.pdf is None:
                continue
            if doc.pdf.path not in texts:
                texts[doc.pdf.path] = pdf_text(out.path(doc.pdf.path).read_bytes())
            if texts[doc.pdf.path] == text:
                result[i] = dataclasses.replace(doc, signed=_relinked(file, out, doc))
                break
    return result


def _relinked(file: _OldFile, out: BatchFolder, doc: DocumentEntry) -> SignedEntry:
    """The signed copy brought over as the signed form of `doc`'s new PDF."""
    assert doc.pdf is not None
    rel = f"{SIGNED_DIR}/{doc.pdf.path}"
    out.reuse(rel, file.path)
    return _recorded(file, doc, rel)


def _recorded(file: _OldFile, doc: DocumentEntry, rel: str) -> SignedEntry:
    """The record of a signed copy, now at `rel`, as the signed form of `doc`'s PDF."""
    assert file.signed is not None and doc.pdf is not None
    data = file.path.read_bytes()[: doc.pdf.bytes]
    starts = hashlib.sha256(data).hexdigest() == doc.pdf.sha256  # an update of these very bytes
    return dataclasses.replace(file.signed, path=rel, matched="bytes" if starts else "text")


def _set_aside(file: _OldFile, out: BatchFolder) -> SetAsideEntry | None:
    """Move one file under da-ky/cu/ (a file already there stays where it is); the entry of a
    file newly set aside, None for one that was aside already."""
    inner = PurePosixPath(file.rel).relative_to(SIGNED_DIR)
    already = inner.parts[0] == PurePosixPath(SET_ASIDE_DIR).name if inner.parts else False
    rel = file.rel if already else f"{SET_ASIDE_DIR}/{inner.as_posix()}"
    target = out.path(rel)
    if target.exists():
        if target.stat().st_size == file.bytes and _sha(target) == file.sha256:
            return None  # the same bytes are aside already
        path = PurePosixPath(rel)
        rel = str(path.with_name(f"{path.stem}-{file.sha256[:8]}{path.suffix}"))
    out.reuse(rel, file.path)
    if already:
        return None
    return SetAsideEntry(rel, file.sha256, file.bytes, file.title)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def set_aside_text(folder: Path, set_aside: Sequence[SetAsideEntry]) -> str | None:
    """What the user must know about signed copies a build set aside (None when there are none)."""
    if not set_aside:
        return None
    titles = [e.title for e in set_aside if e.title]
    others = len(set_aside) - len(titles)
    text = (
        f"⚠ {folder}: {len(set_aside)} tệp đã ký trong {SIGNED_DIR}/ không còn khớp với văn bản "
        f"vừa tạo, đã chuyển vào {folder / SET_ASIDE_DIR}/ (không xóa)."
    )
    current = _titles(folder)  # None when its manifest cannot be read: every title re-signed
    again = [t for t in titles if current is None or t in current]
    gone = [t for t in titles if t not in again]
    if again:
        text += " Cần ký lại: " + "; ".join(again) + "."
    if gone:
        text += " Không còn trong hồ sơ mới (không cần ký lại): " + "; ".join(gone) + "."
    if others:
        # Said as a clerk knows them: files hoso did not make (a note, a copy from elsewhere).
        text += f" {others} tệp không phải bản ký của văn bản nào hoso đã tạo cho thư mục này."
    return text


def _titles(folder: Path) -> set[str] | None:
    """The titles of the documents the folder's manifest lists, None when it cannot be read."""
    manifest = read_manifest(folder)
    return None if manifest is None else {d.title for d in manifest.documents}


@dataclass(frozen=True)
class LeftBehind:
    """A batch folder of a workbook no longer beside those built, still holding signed copies."""

    folder: Path
    workbook: str  # the file name its manifest records
    files: tuple[Path, ...]  # its signed copies, as recorded
    titles: tuple[str, ...]  # the documents they were signed for
    successor: Path | None  # the folder just built for the same plan, review and award, if one


def left_behind(out_dir: Path, workbooks: Sequence[Path]) -> list[LeftBehind]:
    """The batch folders under `out_dir` whose workbook is neither among `workbooks` nor next to
    them (renamed or moved: the build makes a new folder under the new name) while signed copies
    are recorded in them that no folder just built has taken back: they stay there, never
    deleted, so the user is told where."""
    built = {out_dir / p.stem for p in workbooks}
    taken = {d.signed.sha256 for d in _documents(built) if d.signed is not None}
    names = {p.name for p in workbooks}
    places = {p.parent for p in workbooks}
    try:
        folders = sorted(p for p in out_dir.iterdir() if p.is_dir() and p not in built)
    except OSError:
        return []
    found = []
    for folder in folders:
        manifest = read_manifest(folder)
        if manifest is None or manifest.workbook in names:
            continue
        if any((place / manifest.workbook).exists() for place in places):
            continue
        present = [
            (folder / d.signed.path, d.title)
            for d in manifest.documents
            if d.signed is not None
            and d.signed.sha256 not in taken  # taken back into a new folder: said no more
            and (folder / d.signed.path).is_file()
        ]
        if present:
            found.append(
                LeftBehind(
                    folder,
                    manifest.workbook,
                    tuple(f for f, _ in present),
                    tuple(t for _, t in present),
                    _successor(manifest, built),
                )
            )
    return found


def _documents(folders: set[Path]) -> list[DocumentEntry]:
    """The documents the folders' manifests list (a folder without one lists none)."""
    manifests = [read_manifest(folder) for folder in sorted(folders)]
    return [d for m in manifests if m is not None for d in m.documents]


def _successor(old: Manifest, built: set[Path]) -> Path | None:
    """The one folder just built from the same plan, review and award as `old`'s manifest."""
    same = [
        folder
        for folder in sorted(built)
        if (m := read_manifest(folder)) is not None
        and (m.plan, m.review, m.award) == (old.plan, old.review, old.award)
    ]
    return same[0] if len(same) == 1 else None


def workbook_place(workbook: Path, folder: Path) -> str:
    """Where a workbook is, relative to its batch folder (POSIX; absolute on another drive):
    still right when the workbook and its output move together, and no server path."""
    try:
        return Path(os.path.relpath(workbook.resolve(), folder.resolve())).as_posix()
    except ValueError:
        return workbook.resolve().as_posix()


@dataclass(frozen=True)
class Renamed:
    """A batch folder whose workbook is no longer where it was built from, while a folder beside
    it was built since for the same plan, review and award from a workbook still in its place."""

    folder: Path
    workbook: str  # the file name its manifest records
    was: Path  # where that workbook was
    successor: Path | None  # the folder built since (None: several, none of the same content)
    successor_workbook: str = ""


def renamed_workbook(folder: Path) -> Renamed | None:
    """The folder as one of a renamed (or moved) workbook, or None: its workbook is where it was,
    its manifest does not say where (built before hoso recorded it), or no folder beside it was
    built since (a folder built elsewhere, as the web app's worker does, is not told renamed)."""
    manifest = read_manifest(folder)
    if manifest is None or not manifest.workbook_path:
        return None
    was = folder / manifest.workbook_path
    if was.exists():
        return None
    try:
        siblings = sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder)
    except OSError:
        return None
    kind = (manifest.plan, manifest.review, manifest.award)
    since = [
        (sibling, m)
        for sibling in siblings
        if (m := read_manifest(sibling)) is not None
        and (m.plan, m.review, m.award) == kind
        and m.workbook_path
        and (sibling / m.workbook_path).is_file()
    ]
    if not since:
        return None
    same = [pair for pair in since if pair[1].workbook_sha256 == manifest.workbook_sha256]
    chosen = same if len(same) == 1 else since
    successor, newer = chosen[0] if len(chosen) == 1 else (None, None)
    shown = Path(os.path.normpath(was))
    return Renamed(folder, manifest.workbook, shown, successor, newer.workbook if newer else "")
