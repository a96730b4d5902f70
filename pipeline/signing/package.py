"""`hoso package`: per nominee and per batch, a ZIP for online submission with the signed
originals byte for byte in dossier order, a manifest and the verification result."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath

from pipeline.build.dossiers import BATCH_DOSSIER
from pipeline.build.manifest import DocumentEntry, Manifest, read_manifest
from pipeline.build.output import OutputLock
from pipeline.errors import HosoError
from pipeline.files import reason, write_atomically
from pipeline.inputs.kinds import kind
from pipeline.signing.appearance import VIETNAM
from pipeline.signing.steps import REMAKE_WITH_PDF, RERUN_BUILD, RERUN_BUILD_SIGNED
from pipeline.signing.takeback import batch_folders
from pipeline.signing.trust import load_trust
from pipeline.signing.verify import FileCheck, verify_pdf
from pipeline.signing.verify_texts import file_json, file_lines
from pipeline.steps import Advice

PACKAGE_DIR = "goi-nop"
# Entry times come from the files themselves (when signed, else when made), so the same files give
# the same ZIP; a file that says nothing gets the DOS epoch, the earliest time a ZIP can hold.
ZipTime = tuple[int, int, int, int, int, int]
_EPOCH: ZipTime = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class PackageResult:
    """One ZIP written: where, how many documents, which are unsigned, which fail verification,
    and each signed file's lines of its report as data (a line naming a step is an Advice)."""

    path: Path
    documents: int
    unsigned: tuple[str, ...]
    failed: tuple[str, ...]
    # (file name in the ZIP, its lines): the report file holds them as a terminal reads them, a
    # web page says their steps in its own words (pipeline.web.package_report).
    checked: tuple[tuple[str, tuple[str, ...]], ...] = ()


def write_packages(
    out: Path, trust: Path | None = None, on_wait: Callable[[str], None] | None = None
) -> list[PackageResult]:
    """Every batch folder's packages: one per nominee with a dossier, one for the whole batch;
    `on_wait` is called when another build holds the output folder, before waiting for it, with
    what to say (who holds it, when known)."""
    loaded = load_trust(trust) if trust is not None else None
    folders = batch_folders(out, "package")
    results: list[PackageResult] = []
    with OutputLock(folders[0].parent, wait=600, on_wait=on_wait):
        manifests = [(folder, _checked(folder)) for folder in folders]  # all, before any ZIP
        for folder, manifest in manifests:
            checks: dict[str, FileCheck] = {}
            for name, documents in package_contents(manifest):
                target = folder / PACKAGE_DIR / f"{name}.zip"
                results.append(_write_zip(folder, manifest, documents, target, loaded, checks))
    return results


def _checked(folder: Path) -> Manifest:
    """A batch folder's manifest, once every PDF it lists is there as hoso made it (or as it was
    taken back signed): a package never carries a file changed or replaced since."""
    manifest = read_manifest(folder)
    if manifest is None:
        raise HosoError(
            Advice(
                f"{folder}: danh mục văn bản của hồ sơ (manifest.json) không còn đọc được; ",
                RERUN_BUILD,
                ".",
            )
        )
    packages = folder / PACKAGE_DIR
    if packages.exists() and not packages.is_dir():  # else said as a ZIP already there
        raise HosoError(
            f"{packages} là một tệp, không phải thư mục: gói nộp được ghi vào thư mục này; hãy "
            "đổi tên hoặc chuyển tệp đó đi rồi chạy lại."
        )
    pdfs = [d.signed or d.pdf for d in manifest.documents if d.pdf is not None]
    if not pdfs:
        raise HosoError(
            Advice(f"{folder}: hồ sơ này được tạo không có PDF", REMAKE_WITH_PDF, " rồi đóng gói.")
        )
    changed = [
        entry.path
        for entry in pdfs
        if hashlib.sha256(_read(folder / entry.path)).hexdigest() != entry.sha256
    ]
    if changed:
        raise HosoError(
            Advice(
                f"{folder}: {', '.join(changed)} đã bị sửa hoặc thay sau khi hoso tạo (khác với "
                "bản hoso đã ghi trong danh mục văn bản): gói nộp không mang tệp này. ",
                RERUN_BUILD_SIGNED,
                ".",
            )
        )
    return manifest


def package_contents(manifest: Manifest) -> list[tuple[str, tuple[DocumentEntry, ...]]]:
    """(package name, documents in dossier order) for each nominee's dossier and the batch's, as
    pipeline.build.dossiers bundles them: the shared documents, then the nominee's own."""
    docs = [d for d in manifest.documents if d.pdf is not None]
    shared = [d for d in docs if kind(d.kind).shared]
    summary = next((d for d in docs if not kind(d.kind).shared and d.nominee is None), None)
    reports = {d.nominee: d for d in docs if d.nominee is not None}
    packages = []
    for dossier in manifest.dossiers:
        if dossier.nominee is None:
            continue
        own = reports.get(dossier.nominee) or summary
        packages.append((PurePosixPath(dossier.path).stem, (*shared, *([own] if own else []))))
    batch = (*shared, *([summary] if summary else []), *reports.values())
    packages.append((PurePosixPath(BATCH_DOSSIER).stem, batch))
    return packages


def _write_zip(
    folder: Path,
    manifest: Manifest,
    documents: tuple[DocumentEntry, ...],
    target: Path,
    loaded,
    checks: dict[str, FileCheck],
) -> PackageResult:
    """One package: the documents' PDFs (signed when taken back), manifest, verification."""
    listing, report, unsigned, failed, times, checked = [], [], [], [], [], []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for order, doc in enumerate(documents, start=1):
            source = doc.signed.path if doc.signed else doc.pdf.path  # type: ignore[union-attr]
            name = f"{order:02d}-{re.sub(r'^[0-9]+-', '', PurePosixPath(source).name)}"
            data = _read(folder / source)
            if doc.signed is not None and source not in checks:
                checks[source] = verify_pdf(folder / source, loaded)
            check = checks.get(source) if doc.signed is not None else None
            times.append(_file_time(data, check))
            _add(archive, name, data, times[-1])
            entry = {"order": order, "file": name, "title": doc.title, "kind": doc.kind}
            entry |= {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            entry |= {"signed": doc.signed is not None, "source": source}
            if check is None:
                unsigned.append(name)
                report.append(f"CHƯA KÝ: {name} ({doc.title})")
            else:
                entry["verification"] = file_json(check) | {"path": name}
                failed += [name] if check.failed else []
                lines = file_lines(check, name)
                checked.append((name, tuple(lines)))
                report += lines
            listing.append(entry)
        latest = max(times, default=_EPOCH)  # the package is as new as its newest file
        _add(archive, "manifest.json", _manifest_json(manifest, target, listing, unsigned), latest)
        text = _report_text(report, unsigned).encode("utf-8")
        _add(archive, "ket-qua-kiem-tra.txt", text, latest)
    write_atomically(target, lambda tmp: tmp.write_bytes(buffer.getvalue()))
    return PackageResult(target, len(documents), tuple(unsigned), tuple(failed), tuple(checked))


def _read(path: Path) -> bytes:
    """A file of the batch folder, or HosoError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise HosoError(
            Advice(f"Không đọc được {path}: {reason(exc, 'đọc')}; ", RERUN_BUILD, ".")
        ) from None


def _file_time(data: bytes, check: FileCheck | None) -> ZipTime:
    """When a PDF became what it is, in Vietnamese time as a ZIP stores it (no time zone): its
    last signature's time when signed, else when it was made (its CreationDate)."""
    if check is not None and check.signatures and check.signatures[-1].time:
        moment = datetime.fromisoformat(check.signatures[-1].time)
    else:
        moment = _created(data)
    if moment is None:
        return _EPOCH
    local = moment.astimezone(VIETNAM) if moment.tzinfo else moment
    return max(_EPOCH, (local.year, local.month, local.day, local.hour, local.minute, local.second))


_PDF_DATE = re.compile(r"D:(\d{14})(?:(Z)|([+-])(\d\d)'?(\d\d)?)?")


def _created(data: bytes) -> datetime | None:
    """A PDF's CreationDate ("D:20260305090405+07'00'"; LibreOffice writes "Z'", which pypdf's
    own parser refuses), or None."""
    # pypdf only when a package is written: the CLI imports this module for its texts.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        info = PdfReader(io.BytesIO(data)).metadata
        found = _PDF_DATE.match(str(info.get("/CreationDate", ""))) if info else None
        if found is None:
            return None
        digits, utc, sign, hours, minutes = found.groups()
        moment = datetime.strptime(digits, "%Y%m%d%H%M%S")
    except (PyPdfError, ValueError):
        return None
    if utc or sign:
        shift = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        moment = moment.replace(tzinfo=timezone(-shift if sign == "-" else shift))
    return moment


def _add(archive: zipfile.ZipFile, name: str, data: bytes, when: ZipTime) -> None:
    """Add a file dated `when` (PDFs are stored as they are: compressing them gains little)."""
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def _manifest_json(manifest: Manifest, target: Path, listing: list, unsigned: list) -> bytes:
    """The package's own manifest: the batch it comes from and each file in order."""
    data = {
        "package": target.name,
        "plan": manifest.plan,
        "review": manifest.review,
        "award": manifest.award,
        "workbook": manifest.workbook,
        "documents": listing,
        "unsigned": unsigned,
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _report_text(report: list[str], unsigned: list[str]) -> str:
    """The verification result a reader opens first: unsigned documents listed at the top."""
    head = ["KẾT QUẢ KIỂM TRA CHỮ KÝ SỐ", ""]
    if unsigned:
        head += [f"Có {len(unsigned)} văn bản CHƯA KÝ SỐ:", *[f"  - {n}" for n in unsigned], ""]
    else:
        head += ["Mọi văn bản đều đã ký số.", ""]
    return "\n".join([*head, *report]) + "\n"
