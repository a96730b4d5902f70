"""`hoso signed add`: signed PDFs matched to the documents they came from, checked, recorded."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import json
from collections.abc import Callable, Sequence
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
from pipeline.build.output import OutputLock
from pipeline.build.signed import Renamed, renamed_workbook
from pipeline.errors import HosoError
from pipeline.files import reason, write_atomically
from pipeline.inputs.filetypes import looks_pdf
from pipeline.signing.matching import Candidate, Chooser, Refusal, Texts, candidates_of
from pipeline.signing.steps import (
    NOT_A_BUILD,
    REMAKE,
    REMAKE_TAKE,
    REMAKE_TAKE_BUILD,
    RERUN_BUILD_THERE,
)
from pipeline.signing.trust import Trust, load_trust
from pipeline.signing.trust_texts import distrust
from pipeline.signing.verify import MISSING, FileCheck, not_a_pdf, verify_pdf
from pipeline.signing.verify_texts import validity_text
from pipeline.steps import Advice, advice_of


@dataclass(frozen=True)
class Accepted:
    """A signed file recorded next to its document."""

    file: Path
    batch: str  # the batch folder's name
    document: str  # the document's title
    stored: str  # where it is kept, relative to the batch folder
    signers: tuple[str, ...]
    matched: str  # "bytes" or "text"
    set_aside: str | None = None  # where the copy it replaced went (under da-ky/cu/), if any
    earlier_signers: tuple[str, ...] = ()  # who signed that copy
    # Why a signature of it is not trusted though the file is its document's (Vietnamese):
    # an unknown signer, a timestamp nobody vouches for, a CRL too old to tell.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refused:
    """A file not taken, and why (Vietnamese)."""

    file: Path
    reason: str


@dataclass(frozen=True)
class Held:
    """A good signed file not taken because another file of the same command was refused."""

    file: Path
    batch: str  # the batch folder's name
    document: str  # the document's title


@dataclass(frozen=True)
class IntoRenamed:
    """Signed copies just stored in the folder of a workbook renamed since: the build makes its
    dossier in another folder, and does not use them there."""

    renamed: Renamed
    stored: tuple[Path, ...]  # where they are kept, in that folder's da-ky/
    titles: tuple[str, ...]


@dataclass(frozen=True)
class TakebackReport:
    """What `hoso signed add` did with each file."""

    accepted: tuple[Accepted, ...]
    refused: tuple[Refused, ...]
    unsigned: tuple[str, ...] = ()  # documents still without a signed copy ("batch: title")
    renamed: tuple[IntoRenamed, ...] = ()  # each such folder once
    held: tuple[Held, ...] = ()  # good files not taken because others were refused


def batch_folders(out: Path, command: str = "signed add") -> list[Path]:
    """The build's batch folders under `out` (or `out` itself when it is one); the error names
    `command` ("signed add", "package") in its example."""
    if read_manifest(out) is not None:
        return [out]
    found = (
        sorted(p for p in out.iterdir() if p.is_dir() and read_manifest(p)) if out.is_dir() else []
    )
    if not found:
        raise HosoError(_not_a_build(out, command))
    return found


def _not_a_build(out: Path, command: str) -> str:
    """Why `out` holds no batch folder: no manifest, a period's results, or an unreadable one."""
    try:
        recorded = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        recorded = None
    except (OSError, ValueError):
        recorded = {}
    if recorded is None and not out.is_dir():
        return (
            f"Không có thư mục {out}; hãy chỉ thư mục kết quả, ví dụ output/ hoặc output/de-nghi/."
        )
    if recorded is None and (out / "dot-xet.toml").is_file() and (out / "ket-qua").is_dir():
        return _not_a_build(out / "ket-qua", command)  # a period's folder: its results said
    damaged = sorted(out.glob(f"*/{MANIFEST}")) if recorded is None else []
    if damaged:  # batch folders whose manifest no longer reads
        return Advice(
            f"danh mục văn bản của hồ sơ ({', '.join(str(p) for p in damaged)}) không đọc được "
            "(tệp hỏng hoặc bị sửa); ",
            RERUN_BUILD_THERE,
            ".",
        )
    if recorded is None:
        return Advice("", NOT_A_BUILD, out=out)
    if isinstance(recorded, dict) and "units" in recorded:  # the period's own manifest
        office = sorted(p for p in (out / "tong-hop").glob("*") if read_manifest(p) is not None)
        example = office[0] if office else out / "tong-hop" / "<mã hình thức>"
        files = " TỆP_ĐÃ_KÝ" if command == "signed add" else ""
        return (
            f"{out} là thư mục kết quả của cả đợt xét (hoso period build), không phải của một hồ "
            f"sơ: văn bản cơ quan ký nằm trong {out / 'tong-hop'}/<mã hình thức>/, hãy chỉ thư "
            f"mục đó (ví dụ hoso {command} {example}{files}); văn bản đã ký của đơn vị đặt "
            "vào don-vi/<tên tệp Excel, bỏ .xlsx>/ của thư mục đợt."
        )
    return Advice(
        f"{out}: danh mục văn bản của hồ sơ (manifest.json) không đọc được hoặc do phiên bản "
        "hoso khác tạo; ",
        REMAKE_TAKE_BUILD,
        ".",
    )


def add_signed(
    out: Path,
    files: Sequence[Path],
    trust: Path | None = None,
    *,
    hold: bool = False,
    on_wait: Callable[[str], None] | None = None,
) -> TakebackReport:
    """Match each signed file to its document, check it, then store every one under da-ky/ and
    record it; all or nothing: when any file is refused (or `hold`: the caller refused one
    already), none is taken, and the good ones are reported held.

    With no files, the PDFs dropped by hand into the batch folders' da-ky/ are taken instead,
    each on its own as `hoso build` takes them: a refused one stays where it is, and a build
    would take the good ones all the same. `on_wait` is called when another build holds the
    output folder, before waiting for it."""
    loaded = (trust, load_trust(trust)) if trust is not None else None
    folders = batch_folders(out)
    whole = bool(files)
    report = _take_back(
        folders, list(files) or None, loaded, whole=whole, hold=hold, on_wait=on_wait
    )
    return dataclasses.replace(report, renamed=_into_renamed(folders, report.accepted))


def _into_renamed(folders: list[Path], accepted: Sequence[Accepted]) -> tuple[IntoRenamed, ...]:
    """The folders of renamed workbooks that files were just stored in, with those files."""
    found = []
    for folder in folders:
        mine = [a for a in accepted if a.batch == folder.name]
        renamed = renamed_workbook(folder) if mine else None
        if renamed is not None:
            stored = tuple(dict.fromkeys(folder / a.stored for a in mine))
            titles = tuple(dict.fromkeys(a.document for a in mine))
            found.append(IntoRenamed(renamed, stored, titles))
    return tuple(found)


def take_dropped(
    out: Path, *, wait: float = 600, on_wait: Callable[[str], None] | None = None
) -> TakebackReport:
    """The PDFs dropped into the da-ky/ folders under `out` taken back (as `hoso build` does
    first); nothing to do when `out` holds no built folder yet. Another build writing into `out`
    is waited for up to `wait` seconds, `on_wait` called first (else the terminal seems frozen)."""
    if not out.is_dir():
        return TakebackReport((), ())
    # Only folders with a da-ky/ can hold dropped files: a large output is not read for nothing.
    try:
        signed = [p for p in (out, *out.iterdir()) if (p / SIGNED_DIR).is_dir()]
    except OSError:
        return TakebackReport((), ())  # the build that follows says what is wrong with `out`
    if not any(dropped(p, m) for p in signed if (m := read_manifest(p)) is not None):
        return TakebackReport((), ())
    # Not all or nothing: a wrong file dropped by hand stays where it is, said at every build,
    # and must not keep the good ones from being recorded (else the rebuild sets them aside).
    return _take_back(batch_folders(out), None, None, whole=False, wait=wait, on_wait=on_wait)


def dropped(folder: Path, manifest: Manifest) -> list[Path]:
    """Signed PDFs put by hand into a batch folder's da-ky/: neither recorded nor set aside."""
    root = folder / SIGNED_DIR
    if not root.is_dir():
        return []
    recorded = {d.signed.path for d in manifest.documents if d.signed is not None}
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        aside = rel.startswith(f"{SET_ASIDE_DIR}/")
        if path.is_file() and path.suffix.lower() == ".pdf" and rel not in recorded and not aside:
            found.append(path)
    return found


# The office's trust folder, as given and as loaded.
TrustFolder = tuple[Path, Trust]


@dataclass(frozen=True)
class _Checked:
    """A file that passed every check: what it is the signed copy of, ready to be stored."""

    path: Path
    data: bytes
    found: Candidate
    matched: str
    check: FileCheck
    warnings: tuple[str, ...]


def _take_back(
    folders: list[Path],
    files: list[Path] | None,
    loaded: TrustFolder | None,
    *,
    whole: bool,
    hold: bool = False,
    wait: float = 600,
    on_wait: Callable[[str], None] | None = None,
) -> TakebackReport:
    """Take the given files back (or, for None, the dropped ones: moved to their document's name
    when accepted, left where they are when refused). Every file is checked before any is stored;
    `whole`: none is stored when any is refused (or `hold`)."""
    with OutputLock(folders[0].parent, wait=wait, on_wait=on_wait):
        manifests = {folder: read_manifest(folder) or _gone(folder) for folder in folders}
        candidates = [c for folder, m in manifests.items() for c in candidates_of(folder, m)]
        incoming = files or [p for f, m in manifests.items() for p in dropped(f, m)]
        checked, refused = _check_all(
            incoming, candidates, loaded, Chooser(folders, dropped=files is None)
        )
        if whole and (refused or hold):
            held = tuple(Held(c.path, c.found.folder.name, c.found.entry.title) for c in checked)
            return TakebackReport((), tuple(refused), tuple(_unsigned(folders)), held=held)
        accepted = [_stored(c, files is None) for c in checked]
        unsigned = tuple(_unsigned(folders))
    return TakebackReport(tuple(accepted), tuple(refused), unsigned)


def _check_all(
    incoming: list[Path], candidates: list[Candidate], loaded: TrustFolder | None, choice: Chooser
) -> tuple[list[_Checked], list[Refused]]:
    """Every file checked, nothing written: those that may be stored, in order, and the refused."""
    texts = Texts()
    checked: list[_Checked] = []
    refused: list[Refused] = []
    before: dict[tuple[Path, str], _Checked] = {}  # the file of this command each document gets
    for path in incoming:
        try:
            item = _check(path, candidates, texts, loaded, choice)
            _no_fuller_before(item, before)
        except Refusal as exc:
            refused.append(Refused(path, advice_of(exc) or str(exc)))
            continue
        checked.append(item)
    return checked, refused


def _no_fuller_before(item: _Checked, before: dict[tuple[Path, str], _Checked]) -> None:
    """Refuse a file with fewer signatures than the copy its document has, or gets from a file
    named before it in the same command (the office keeps the fuller one)."""
    assert item.found.entry.pdf is not None
    rel = f"{SIGNED_DIR}/{item.found.entry.pdf.path}"
    key = (item.found.folder, rel)
    signers = _signers(item.check)
    earlier = before.get(key)
    if earlier is None:
        manifest = read_manifest(item.found.folder) or _gone(item.found.folder)
        current = next(d for d in manifest.documents if d.path == item.found.entry.path)
        _earlier_copy(item.found.folder, rel, item.data, current, signers)
    elif earlier.data != item.data and len(_signers(earlier.check)) > len(signers):
        held = _signers(earlier.check)
        raise Refusal(
            f"cùng là “{item.found.entry.title}” với tệp {earlier.path} nêu trước trong lệnh, "
            f"tệp đó có {len(held)} chữ ký ({', '.join(held)}), nhiều hơn tệp này "
            f"({len(signers)} chữ ký): hãy chỉ nêu tệp có đủ chữ ký"
        )
    before[key] = item


def _stored(item: _Checked, dropped_file: bool) -> Accepted:
    """A checked file stored and recorded; a dropped one no longer kept under its own name."""
    accepted = _store(item.found, item.data, item.path, item.check, item.matched)
    stored = item.found.folder / accepted.stored
    if dropped_file and stored != item.path:
        with contextlib.suppress(OSError):  # a folder we may not change: it stays
            item.path.unlink(missing_ok=True)  # kept byte for byte under its document's name
    return dataclasses.replace(accepted, warnings=item.warnings)


def _unsigned(folders: list[Path]) -> list[str]:
    """The documents of the batch folders that have a PDF but no signed copy yet."""
    found = []
    for folder in folders:
        manifest = read_manifest(folder)
        for doc in manifest.documents if manifest else ():
            if doc.pdf is not None and doc.signed is None:
                found.append(f"{folder.name}: {doc.title}")
    return found


def _gone(folder: Path) -> Manifest:
    """A batch folder whose manifest vanished while we waited for the lock."""
    raise HosoError(
        Advice(
            f"{folder}: danh mục văn bản của hồ sơ (manifest.json) không còn đọc được; ",
            REMAKE,
            ".",
        )
    )


def _check(
    path: Path,
    candidates: list[Candidate],
    texts: Texts,
    loaded: TrustFolder | None,
    choice: Chooser,
) -> _Checked:
    """Check one signed file, writing nothing, or raise Refusal."""
    data = _read(path)
    problem = not_a_pdf(data)
    if problem is not None or not looks_pdf(data):  # else nothing can match
        raise Refusal(_asked(problem))
    found, matched = choice.document(path, data, candidates, texts)
    check = verify_pdf(path, loaded[1] if loaded else None)
    _require_signed(check, found)
    warnings = distrust(check, loaded[0] if loaded else None)
    assert found.entry.pdf is not None
    if not (found.folder / found.entry.pdf.path).is_file():  # deleted or moved by hand
        raise Refusal(
            Advice(
                f"là “{found.entry.title}” nhưng bản PDF gốc {found.folder.name}/"
                f"{found.entry.pdf.path} không còn nên không đối chiếu được nội dung: ",
                REMAKE_TAKE,
            )
        )
    if texts.of_bytes(data) != texts.of_candidate(found):
        raise Refusal(f"nội dung khác với bản gốc “{found.entry.title}” ngoài phần chữ ký")
    return _Checked(path, data, found, matched, check, tuple(warnings))


def _signers(check: FileCheck) -> tuple[str, ...]:
    return tuple(s.signer for s in check.signatures)


def _read(path: Path) -> bytes:
    """A signed file's bytes, or the Refusal saying why there are none."""
    if path.is_dir():
        raise Refusal(
            "đây là thư mục, không phải tệp PDF; hãy nêu từng tệp PDF đã ký trong thư mục, ví dụ "
            f"{path / '*.pdf'}"
        )
    if not path.exists():
        raise Refusal(MISSING)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise Refusal(f"không đọc được tệp: {reason(exc, 'đọc')}") from None


def _asked(problem: str | None) -> str:
    """Why a file that is no readable PDF is refused: what it is, and what is asked for."""
    if problem is None or problem.startswith("không phải tệp PDF"):
        what = problem or "không phải tệp PDF (tệp hỏng, hoặc loại tệp khác)"
        return f"{what}; hãy chọn tệp PDF đã ký số"
    return problem


def _require_signed(check: FileCheck, found: Candidate) -> None:
    """Refuse a file without signatures, or with a broken or partial one."""
    title = found.entry.title
    if check.error is not None:
        raise Refusal(check.error)
    if not check.signatures:
        raise Refusal(f"là “{title}” nhưng chưa có chữ ký số")
    for signature in check.signatures:
        if signature.status == "hong":
            raise Refusal(f"chữ ký của {signature.signer} bị hỏng: nội dung đã ký bị thay đổi")
        if signature.status == "mot-phan":
            raise Refusal(
                f"chữ ký của {signature.signer} không bao trùm cả tệp: {signature.added_after}"
            )
        if signature.status in ("het-han", "chua-hieu-luc"):
            when = "đã hết hạn" if signature.status == "het-han" else "chưa có hiệu lực"
            raise Refusal(
                f"chữ ký của {signature.signer} dùng chứng thư số {when} khi ký "
                f"({validity_text(signature)})"
            )


def _store(found: Candidate, data: bytes, path: Path, check: FileCheck, matched: str) -> Accepted:
    """Keep the signed file under da-ky/ byte for byte and record it in the manifest; a copy the
    document had is set aside, never dropped (one with more signatures is kept, the file refused)."""
    assert found.entry.pdf is not None
    rel = f"{SIGNED_DIR}/{found.entry.pdf.path}"
    signers = tuple(s.signer for s in check.signatures)
    manifest = read_manifest(found.folder) or _gone(found.folder)
    current = next(d for d in manifest.documents if d.path == found.entry.path)
    earlier = _earlier_copy(found.folder, rel, data, current, signers)
    aside = _set_aside(found.folder, rel, current.title) if earlier is not None else None
    write_atomically(found.folder / rel, lambda tmp: tmp.write_bytes(data))
    from pypdf import PdfReader  # only when a signed file is stored, not at start-up

    pages = len(PdfReader(io.BytesIO(data)).pages)
    digest = hashlib.sha256(data).hexdigest()
    entry = SignedEntry(rel, digest, len(data), pages, signers, matched, path.name)  # type: ignore[arg-type]
    documents = tuple(
        dataclasses.replace(d, signed=entry) if d.path == found.entry.path else d
        for d in manifest.documents
    )
    kept = manifest.set_aside + ((aside,) if aside is not None else ())
    write_manifest(found.folder, dataclasses.replace(manifest, documents=documents, set_aside=kept))
    return Accepted(
        path,
        found.folder.name,
        found.entry.title,
        rel,
        signers,
        matched,
        aside.path if aside is not None else None,
        earlier or (),
    )


def _earlier_copy(
    folder: Path, rel: str, data: bytes, document: DocumentEntry, signers: tuple[str, ...]
) -> tuple[str, ...] | None:
    """The signers of the signed copy already at `rel`, which the new file replaces (None: no
    copy, or the same bytes); Refusal when that copy has more signatures than the new file."""
    target = folder / rel
    try:
        there = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Refusal(f"không đọc được bản đã ký đang có {target}: {reason(exc, 'đọc')}") from None
    if there == data:
        return None
    recorded = document.signed
    held = recorded.signers if recorded and recorded.sha256 == _sha(there) else ()
    if len(held) > len(signers):
        raise Refusal(
            f"“{document.title}” đã có bản ký số với {len(held)} chữ ký ({', '.join(held)}), "
            f"nhiều hơn tệp này ({len(signers)} chữ ký): giữ bản đã có ({target}). Nếu thật cần "
            f"thay, hãy chuyển bản đó vào {folder / SET_ASIDE_DIR}/ rồi nhận lại tệp này"
        )
    return held


def _set_aside(folder: Path, rel: str, title: str) -> SetAsideEntry:
    """Copy the signed copy at `rel` to a free name under da-ky/cu/ (it is replaced next)."""
    data = (folder / rel).read_bytes()
    digest = _sha(data)
    aside = PurePosixPath(SET_ASIDE_DIR) / PurePosixPath(rel).relative_to(SIGNED_DIR)
    if (folder / aside).exists() and _sha((folder / aside).read_bytes()) != digest:
        aside = aside.with_name(f"{aside.stem}-{digest[:8]}{aside.suffix}")
    if not (folder / aside).exists():  # else these very bytes are aside already
        write_atomically(folder / aside, lambda tmp: tmp.write_bytes(data))
    return SetAsideEntry(aside.as_posix(), digest, len(data), title)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
