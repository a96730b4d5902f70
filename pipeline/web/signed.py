"""Signed PDFs in the web app: a build's documents with their signatures, signed files uploaded
back (`hoso signed add`), the submission package, and signed copies handed to the period."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pipeline.build.manifest import read_manifest
from pipeline.errors import HosoError
from pipeline.files import os_error, write_atomically
from pipeline.signing.package import write_packages
from pipeline.signing.takeback import add_signed, batch_folders
from pipeline.signing.verify import verify_files
from pipeline.signing.verify_texts import scope_text, who_when
from pipeline.vietnamese.text import slug
from pipeline.web.access import audit, own_build, requires
from pipeline.web.commands import signing_text
from pipeline.web.download_names import build_prefix, build_zip
from pipeline.web.models import Build, Upload
from pipeline.web.package_report import Place, for_web
from pipeline.web.packing import zip_folder
from pipeline.web.periods import trust_dir
from pipeline.web.uploads import clean_name
from pipeline.web.wording import unrooted

# The button that makes a clerk's documents again, as a signing refusal tells the clerk to press it.
REMAKE = "“Tạo hồ sơ từ phiên bản …” ở trang đề nghị"
# Where the clerk signs, uploads and remakes, as a package's report says it.
CLERK = Place("trang hồ sơ", "bảng “Ký số” của trang hồ sơ", REMAKE)
# The clerk's build page's “Ký số” part: an upload's (or a package's) redirect lands there and its
# messages are drawn in it (templatetags/flash.py), not at the page's top out of view.
CLERK_PART = "ky-so-ho-so"
INCOMING = "da-ky-tam"  # DATA/da-ky-tam/<uuid>/: uploaded signed files before they are checked


@dataclass(frozen=True)
class SignatureNote:
    """One signature of a signed copy as `hoso verify` says it: who, when and whose word that
    time is (the signer's machine, or a timestamp authority), and what of the file it covers."""

    who_when: str
    covers: str


@dataclass(frozen=True)
class SignedRow:
    """A document of a finished build: its title and who signed the copy taken back."""

    title: str
    signers: tuple[str, ...]  # empty: not signed yet
    path: str | None = None  # the signed copy, relative to the build's folder
    notes: tuple[SignatureNote, ...] = ()  # each signature of the signed copy, in signing order


def signed_rows(folder: Path) -> list[SignedRow]:
    """Every PDF document of a build's batch folders, signed or not."""
    rows = []
    for batch in _batches(folder):
        manifest = read_manifest(batch)
        for doc in manifest.documents if manifest else ():
            if doc.pdf is None:
                continue
            if doc.signed is None:
                rows.append(SignedRow(doc.title, ()))
            else:
                path = (batch / doc.signed.path).relative_to(folder).as_posix()
                notes = signature_notes(batch / doc.signed.path, doc.signed.sha256)
                rows.append(SignedRow(doc.title, doc.signed.signers, path, notes))
    return rows


def signature_notes(path: Path, sha256: str) -> tuple[SignatureNote, ...]:
    """What each signature of a signed copy covers and when it was made, checked against the
    data folder's trust folder (if any); empty when the file no longer reads."""
    trust = trust_dir()
    return _notes(str(path), sha256, str(trust) if trust else "", _listing(trust))


def _listing(trust: Path | None) -> tuple[tuple[str, int], ...]:
    """The trust folder's files as they are now: roots added later are taken into account."""
    try:
        return (
            tuple(sorted((p.name, p.stat().st_mtime_ns) for p in trust.iterdir())) if trust else ()
        )
    except OSError:
        return ()


@functools.lru_cache(maxsize=512)
def _notes(path: str, sha256: str, trust: str, listing: tuple) -> tuple[SignatureNote, ...]:
    """The notes of one signed copy (its digest and the trust folder's files in the key: a
    page shown again does not check every signature again)."""
    del sha256, listing  # only the cache's key
    try:
        (check,) = verify_files([Path(path)], Path(trust) if trust else None)
    except HosoError:  # a trust folder with no root yet, or a broken file: uploads say which
        (check,) = verify_files([Path(path)], None)
    return tuple(
        SignatureNote(who_when(s), scope_text(s) if s.intact and s.signed_bytes else "")
        for s in check.signatures
    )


def _batches(folder: Path) -> list[Path]:
    try:
        return batch_folders(folder)
    except HosoError:
        return []


def _finished(build: Build) -> Path:
    """The folder of a build whose job is done, else 404."""
    from pipeline.web.builds import folder_of, queue

    if queue().status(build.job_id).status != "done":
        raise Http404
    return folder_of(build)


@require_POST
@requires("van-thu")
def upload_signed(request: HttpRequest, pk: int) -> HttpResponse:
    """Signed PDFs of a build's documents, uploaded: each matched, checked, kept, or refused."""
    build = own_build(request.user, pk)
    take_uploaded(
        request, _finished(build), f"hồ sơ {build.pk}", remake_button(build), section=CLERK_PART
    )
    return redirect(reverse("ho-so", args=[pk]) + f"#{CLERK_PART}")


def remake_button(build: Build) -> str:
    """The proposal page's button that makes the documents again, as it reads now ("“Tạo hồ sơ
    từ phiên bản 2” ở trang đề nghị": it builds the latest version)."""
    latest = build.proposal.latest()
    return REMAKE.replace("…", str(latest.number)) if latest is not None else REMAKE


def take_uploaded(
    request: HttpRequest, folder: Path, target: str, remake: str, section: str = ""
) -> None:
    """The request's signed PDFs (field "tep") taken back into a build's folder (a build's, or the
    office's part of a period run), each file's fate said and logged against `target`; `remake`
    names the page's button that makes the documents again, `section` the page's section the
    messages are drawn in (its anchor, where the redirect lands: templatetags/flash.py)."""
    files = request.FILES.getlist("tep")
    if not files:
        messages.error(request, "Chưa chọn tệp PDF đã ký số nào để tải lên.", extra_tags=section)
    elif len(files) > settings.MAX_UPLOAD_FILES:
        messages.error(
            request,
            f"Đã chọn {len(files)} tệp; mỗi lần tải lên tối đa {settings.MAX_UPLOAD_FILES} tệp: "
            "hãy tải lên làm nhiều lần.",
            extra_tags=section,
        )
    else:
        _take(request, (target, remake, section), folder, files)


HELD = (
    "tệp hợp lệ nhưng chưa nhận, vì có tệp khác bị từ chối: mỗi lần tải lên chỉ nhận khi mọi "
    "tệp đều hợp lệ; hãy bỏ hoặc thay tệp bị từ chối rồi tải lên lại."
)


def _take(request: HttpRequest, said: tuple[str, str, str], folder: Path, files: list[Any]) -> None:
    """Save the files apart, take them back into the folder, say what became of each (`said`:
    the audit log's target, the button that makes the documents again, the messages' section)."""
    target, remake, section = said
    incoming = Path(settings.DATA_DIR) / INCOMING / uuid.uuid4().hex
    incoming.mkdir(parents=True)
    try:
        saved, names, hold = [], {}, False
        for i, data in enumerate(files):
            name = clean_name(data.name)
            limit = settings.MAX_UPLOAD_BYTES
            why = "tệp rỗng" if not data.size else None
            why = f"tệp quá lớn (hơn {limit // 1_048_576} MB)" if data.size > limit else why
            if why is not None:
                messages.error(request, f"{name}: từ chối, {why}.", extra_tags=section)
                audit(request, "tai-len-da-ky", target, f"{name}: từ chối, {why}")
                hold = True  # all or nothing, as for the files refused below
                continue
            path = incoming / f"{i:02d}-{slug(Path(name).stem) or 'tep'}.pdf"
            with path.open("wb") as fh:
                for chunk in data.chunks():
                    fh.write(chunk)
            saved.append(path)
            names[path] = name
        report = add_signed(folder, saved, trust_dir(), hold=hold) if saved else None
    except HosoError as exc:
        why = _said(exc, folder, remake)
        messages.error(request, f"Không nhận được tệp đã ký: {why}", extra_tags=section)
        return
    finally:
        shutil.rmtree(incoming, ignore_errors=True)
    for item in report.accepted if report else ():
        signers = ", ".join(item.signers)
        replaced = ""
        if item.set_aside is not None:  # never dropped: the copy it replaces is kept aside
            earlier = ", ".join(item.earlier_signers) or "không rõ"
            replaced = f" Bản ký trước đó (ký bởi {earlier}) được giữ trong {item.set_aside}."
        messages.success(
            request,
            f"{names[item.file]}: đã nhận “{item.document}”, ký bởi {signers}.{replaced}",
            extra_tags=section,
        )
        for warning in item.warnings:  # taken, but the office's trust folder does not vouch
            said_here = f"{names[item.file]}: {_said(warning, folder, remake)}."
            messages.warning(request, said_here, extra_tags=section)
        audit(request, "tai-len-da-ky", target, f"{names[item.file]} → {item.stored}")
    for item in report.refused if report else ():
        why = _said(item.reason, folder, remake)
        messages.error(request, f"{names[item.file]}: từ chối, {why}.", extra_tags=section)
        audit(request, "tai-len-da-ky", target, f"{names[item.file]}: từ chối")
    for item in report.held if report else ():  # good, but another file was refused
        messages.warning(request, f"{names[item.file]}: {HELD}", extra_tags=section)
        audit(request, "tai-len-da-ky", target, f"{names[item.file]}: chưa nhận")


def _said(text: str | HosoError, folder: Path, remake: str) -> str:
    """A signing stage's refusal or warning for the page: the page's button `remake` for a
    command, the trust folder as the administrator's, no path of the server."""
    return unrooted(signing_text(text, remake, trust_dir()), folder)


@require_GET
@requires("van-thu")
def download_signed(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    """The signed copy of one document of a build, by its row in the build page's "Ký số" table
    (no path is taken from the URL)."""
    build = own_build(request.user, pk)
    prefix = build_prefix(build)  # named for its period, as the office's signed copies are
    return signed_copy(request, _finished(build), index, f"hồ sơ {build.pk}", prefix)


def signed_copy(
    request: HttpRequest, folder: Path, index: int, target: str, prefix: str = ""
) -> HttpResponse:
    """The signed copy of the document in row `index` of `signed_rows(folder)`, logged against
    `target`, its download name after `prefix`; 404 for a row without one."""
    rows = signed_rows(folder)
    if not 0 <= index < len(rows) or rows[index].path is None:
        raise Http404
    row = rows[index]
    path = folder / str(row.path)
    if not path.is_file():  # taken away by hand since the manifest recorded it
        raise Http404
    audit(request, "tai-ve-ban-da-ky", target, f"{row.title}: {row.path}")
    name = f"{prefix}{path.stem}-da-ky.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


@require_GET
@requires("van-thu")
def package(request: HttpRequest, pk: int) -> HttpResponse:
    """The build's submission packages (signed originals byte for byte, in dossier order)."""
    build = own_build(request.user, pk)
    place = dataclasses.replace(CLERK, remake=remake_button(build))
    data = packages_zip(request, _finished(build), f"hồ sơ {build.pk}", place, section=CLERK_PART)
    if data is None:
        return redirect(reverse("ho-so", args=[pk]) + f"#{CLERK_PART}")
    return zip_bytes(data, build_zip(build, "goi-nop", str(build.pk)))


def packages_zip(
    request: HttpRequest,
    folder: Path,
    target: str,
    place: Place = CLERK,
    by_batch: bool = False,
    section: str = "",
) -> bytes | None:
    """The submission packages of a folder's batches as one ZIP (each batch's in a folder of its
    own name when `by_batch`), each report in the words of `place`, logged against `target`;
    None, with the reason said (in the page's `section`, where the redirect lands), if they
    cannot be written."""
    try:
        results = write_packages(folder, trust_dir())
    except HosoError as exc:
        why = _said(exc, folder, place.remake)
        messages.error(request, f"Không đóng gói được: {why}", extra_tags=section)
        return None
    audit(request, "tai-goi-nop", target, f"{len(results)} gói")
    with tempfile.TemporaryDirectory(prefix="hoso-goi-") as tmp:
        for result in results:
            # <batch>/goi-nop/<name>.zip: the batch folder is two levels up from the package.
            inside = Path(tmp) / result.path.parent.parent.name if by_batch else Path(tmp)
            inside.mkdir(exist_ok=True)
            said = for_web(result, place, folder)
            (inside / result.path.name).write_bytes(said)
        return zip_folder(Path(tmp))


def zip_bytes(data: bytes, name: str) -> HttpResponse:
    """A ZIP made in memory, downloaded under `name`."""
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def signed_submission(upload: Upload, workbook: Path) -> tuple[bool, str]:
    """For a period that asks for signed PDFs: the signed copies of the version's finished build
    with the most of them (the newest of those: a clerk may have built the version again after
    taking signed files back into an earlier build) put beside the submitted workbook (as
    pipeline.period.signatures reads them), and what the clerk must know: (all signed, message)."""
    from pipeline.web.builds import queue

    builds = Build.objects.filter(upload=upload).order_by("-pk")
    finished = [b for b in builds if queue().status(b.job_id).status == "done"]
    done = max(finished, key=_signed_count, default=None)  # max keeps the first, the newest
    unsigned = copy_signed(done, workbook.with_suffix(""))
    if done is None:
        return False, (
            "Đợt xét yêu cầu văn bản đã ký số nhưng phiên bản này chưa tạo hồ sơ: hãy tạo hồ sơ, "
            "ký số, tải lên bản đã ký rồi nộp lại."
        )
    if unsigned:
        return False, (
            f"Còn {len(unsigned)} văn bản chưa ký số: {'; '.join(unsigned)}. Đơn vị ở tình trạng "
            "“chưa ký đủ” cho tới khi nộp lại kèm đủ bản đã ký."
        )
    return True, "Đã nộp kèm mọi văn bản đã ký số."


def _signed_count(build: Build) -> int:
    """How many of a build's documents have a signed copy taken back."""
    return sum(1 for row in signed_rows(Path(settings.DATA_DIR) / build.folder) if row.signers)


def copy_signed(build: Build | None, target: Path) -> list[str]:
    """Put a build's signed PDFs in a period unit's folder of signed files, replacing what was
    there (a reader never sees half of it); the titles of its documents still unsigned."""
    folder = Path(settings.DATA_DIR) / build.folder if build is not None else None
    unsigned, copies = [], []
    for batch in _batches(folder) if folder is not None else ():
        manifest = read_manifest(batch)
        for doc in manifest.documents if manifest else ():
            if doc.pdf is None:
                continue
            if doc.signed is None:
                unsigned.append(doc.title)
            else:
                copies.append((batch / doc.signed.path, doc.signed.path.split("/")[-1]))
    staging = target.with_name(f".{target.name}-{uuid.uuid4().hex[:8]}")
    old = target.with_name(f".{target.name}-cu-{uuid.uuid4().hex[:8]}")
    moved = False
    try:
        staging.mkdir(parents=True)
        for source, name in copies:
            write_atomically(staging / name, lambda tmp, s=source: shutil.copyfile(s, tmp))
        if target.exists():
            target.rename(old)
            moved = True
        staging.rename(target)
    except OSError as exc:
        if moved:
            with contextlib.suppress(OSError):
                old.rename(target)  # the signed files submitted before stay as they were
        raise os_error(exc, target, "ghi") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return unsigned
