"""`hoso verify`: every signature of a PDF: who, when, intact, what it covers, trusted or not
(said in Vietnamese by pipeline.signing.verify_texts)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from pipeline.files import reason
from pipeline.inputs.filetypes import (
    ARCHIVE,
    HEAD,
    PNG,
    ZIP,
    file_type,
    looks_cut,
    looks_pdf,
    package_of,
    sniff,
)
from pipeline.signing.appearance import vietnam_time
from pipeline.signing.keys import (
    Validity,
    common_name,
    organisation,
    validity_period,
    validity_problem,
)
from pipeline.signing.trust import Trust, load_trust, no_trust

Status = Literal[
    "hop-le",
    "hong",
    "mot-phan",
    "het-han",
    "chua-hieu-luc",
    "khong-tin-cay",
    "dau-thoi-gian-hong",
    "dau-thoi-gian-khong-tin-cay",
    "chua-xac-minh-goc",
    "thu-hoi",
    "crl-cu",
]
# Revocation of the signer's certificate, by the office's CRLs: not revoked, revoked, the CRL is
# past its next update; None when not checked (no trust folder, or no CRL of its issuer in it).
Revocation = Literal["con-hieu-luc", "thu-hoi", "crl-cu"]
# pyHanko and pypdf (half a second with aiohttp, which pyhanko.sign loads) are imported in the
# functions that read a PDF: `hoso check`, `hoso period build` without signed PDFs, and every
# other command importing this module for its data classes and texts do not pay for them.
NOT_A_PDF = "không phải tệp PDF đọc được (tệp hỏng, hoặc loại tệp khác đổi đuôi thành .pdf)"
PICTURE = f"không phải tệp PDF (đây là {PNG.name})"  # as `hoso check`, `hoso signed add` say it
BROKEN_SIGNATURE = (
    "tệp PDF đọc được nhưng chữ ký số bị HỎNG: dữ liệu chữ ký trong tệp đã bị thay đổi, "
    "không đọc được"
)


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a file as checked."""

    field: str
    signer: str  # the certificate's common name
    organisation: str  # the certificate's organisation (O), or ""
    # The signing time (ISO 8601, +07:00): a trusted timestamp's when `timestamp_by` names its
    # authority, else what the signer's own machine wrote, which proves nothing.
    time: str | None
    intact: bool  # the signed bytes are unchanged and the cryptographic signature holds
    whole_file: bool  # nothing but later signatures was added after it
    added_after: str  # what was added after it (Vietnamese), or ""
    trusted: bool | None  # the chain reaches a configured trust root; None: no roots configured
    revocation: Revocation | None = None
    revoked_at: str | None = None  # when the CA revoked the certificate (ISO 8601, +07:00)
    # The certificate at the signing time: expired, not yet valid, or None when it was valid.
    validity: Validity | None = None
    valid_from: str = ""  # the certificate's validity (ISO 8601, +07:00)
    valid_until: str = ""
    # Comments added after it (the văn thư's number and date), its pages otherwise as signed;
    # whole_file when a later signature covers them.
    annotations: tuple[str, ...] = ()
    timestamp_by: str = ""  # the timestamp authority (TSA) whose token dates the signature, or ""
    timestamp_trusted: bool | None = None  # its chain reaches a root; None: no roots configured
    # A timestamp came with it whose token does not hold (changed, or not of this signature):
    # `time` is then the signer's own word, and the signature fails.
    timestamp_broken: bool = False
    signed_bytes: int = 0  # the file's first bytes it covers: the whole file as it was signed
    # What came after it, in order: (signer, bytes) for a later signature's own update,
    # ("", bytes) for anything else added.
    after: tuple[tuple[str, int], ...] = ()

    @property
    def status(self) -> Status:
        """The verdict: broken, partial, outside the certificate's validity, untrusted, not checked
        against roots, with a broken timestamp or one by an untrusted authority, or valid."""
        if not self.intact:
            return "hong"
        if not self.whole_file:
            return "mot-phan"
        if self.validity is not None:
            return self.validity
        if self.timestamp_broken:  # found without roots, as a broken signature is
            return "dau-thoi-gian-hong"
        if self.trusted is None:
            return "chua-xac-minh-goc"
        if self.revocation in ("thu-hoi", "crl-cu"):
            return self.revocation
        if not self.trusted:
            return "khong-tin-cay"
        # The time shown is the authority's word, and nothing vouches for the authority.
        return "dau-thoi-gian-khong-tin-cay" if self.timestamp_trusted is False else "hop-le"


@dataclass(frozen=True)
class FileCheck:
    """A file's signatures in signing order, or why it could not be read."""

    path: Path
    signatures: tuple[SignatureCheck, ...]
    error: str | None = None

    @property
    def failed(self) -> bool:
        """Whether the file fails: unreadable, unsigned, or a signature broken, partial or
        untrusted (its signer's certificate, or the timestamp authority dating it)."""
        if self.error is not None or not self.signatures:
            return True
        return any(s.status not in _PASSING for s in self.signatures)


# Every other verdict fails the file (hoso verify exits 1): "chua-xac-minh-goc" passes because
# without --trust nothing is said to be trusted, and the summary says so.
_PASSING = ("hop-le", "chua-xac-minh-goc")
# What a file given in place of a signed PDF is, said before any PDF reader tries it.
MISSING = "không tìm thấy tệp hay thư mục này"
EMPTY = "tệp rỗng (0 byte), không có nội dung; tệp có thể chưa được chép hoặc tải xong"
CUT = (
    "tệp PDF bị cắt cụt (thiếu phần cuối): tệp chưa được chép hoặc tải xong; hãy chép hoặc tải "
    "lại tệp"
)
LOCKED = (
    "tệp PDF được đặt mật khẩu mở tệp nên không đọc được; hãy xin bản không đặt mật khẩu (chữ ký "
    "số không cần mật khẩu)"
)
MAX_MEMBER = 200 * 1024 * 1024  # a PDF inside a ZIP larger than this is not unpacked


def verify_files(paths: Sequence[Path], trust: Path | None = None) -> list[FileCheck]:
    """Check every signature of every file against the trust folder's roots and CRLs (if given):
    a PDF, every PDF of a folder, or every PDF of a ZIP (a package as units send it)."""
    loaded = load_trust(trust) if trust is not None else None
    return [check for path in paths for check in _checks(path, loaded)]


def _checks(path: Path, trust: Trust | None) -> Iterator[FileCheck]:
    """One path's checks: the PDF itself, or each PDF of the folder or ZIP it is (a folder's
    ZIPs too: the packages an office received, saved together)."""
    if not path.exists():
        yield FileCheck(path, (), MISSING)
    elif path.is_dir():
        found = sorted(
            p
            for p in path.rglob("*")
            if p.suffix.lower() in (".pdf", ".zip")
            and p.is_file()
            and not _hidden(p.relative_to(path))
        )
        for file in found:
            yield from (
                _zip_checks(file, trust)
                if file.suffix.lower() == ".zip"
                else [verify_pdf(file, trust)]
            )
        if not found:
            yield FileCheck(path, (), "thư mục không có tệp PDF hay ZIP nào")
    elif path.suffix.lower() == ".zip" or (path.is_file() and zipfile.is_zipfile(path)):
        kind = package_of(path)  # a Word or Excel file is a ZIP too: said as what it is
        if kind in (ZIP, ARCHIVE):
            yield from _zip_checks(path, trust)
        else:
            yield FileCheck(path, (), f"không phải tệp PDF (đây là {kind.name})")
    else:
        yield verify_pdf(path, trust)


def _zip_checks(path: Path, trust: Trust | None) -> Iterator[FileCheck]:
    """Each PDF of a ZIP, in the ZIP's order (a package's is the dossier's), as `path`/name."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.lower().endswith(".pdf") and not _hidden(Path(m.filename))
            ]
            if not members:
                yield FileCheck(path, (), "tệp ZIP không có tệp PDF nào")
            for member in members:
                shown = path / member.filename
                if member.file_size > MAX_MEMBER:
                    yield FileCheck(shown, (), "tệp quá lớn (trên 200 MB), không mở")
                    continue
                yield verify_data(shown, archive.read(member), trust)
    except OSError as exc:
        yield FileCheck(path, (), f"không đọc được tệp: {reason(exc, 'đọc')}")
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, RuntimeError):
        yield FileCheck(
            path, (), "tệp ZIP hỏng hoặc không mở được (tải lại tệp, hoặc giải nén bằng tay)"
        )


def _hidden(relative: Path) -> bool:
    """A hidden file or folder, or what macOS adds to a ZIP: not a document sent."""
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.parts)


def verify_pdf(path: Path, trust: Trust | None) -> FileCheck:
    """The signatures of one PDF."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileCheck(path, (), f"không đọc được tệp: {reason(exc, 'đọc')}")
    return verify_data(path, data, trust)


def verify_data(path: Path, data: bytes, trust: Trust | None) -> FileCheck:
    """The signatures of a PDF's bytes, reported under `path`."""
    problem = not_a_pdf(data)
    if problem is not None:
        return FileCheck(path, (), problem)
    from pyhanko.pdf_utils.misc import PdfError  # here: see the comment above Revocation
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import enumerate_sig_fields
    from pyhanko.sign.validation import validate_pdf_signature

    # What pyHanko raises on a signature whose CMS data was altered: it parses it lazily, and some
    # damage surfaces as a TypeError or AttributeError deep inside it rather than as its own error.
    malformed = (PdfError, ValueError, KeyError, TypeError, AttributeError)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        list(enumerate_sig_fields(reader, filled_status=True))
    except (PdfError, ValueError, KeyError):
        picture = file_type(data[:HEAD]) is PNG
        return FileCheck(path, (), PICTURE if picture else NOT_A_PDF)
    try:
        embedded = list(reader.embedded_signatures)
    except malformed:  # the PDF reads; a signature's own data (/Contents) does not
        return FileCheck(path, (), BROKEN_SIGNATURE)
    spans = [_span(data, signature) for signature in embedded]
    checks: list[SignatureCheck] = []
    for index, signature in enumerate(embedded):
        try:
            cert = signature.signer_cert
            context = trust.context(cert) if trust is not None else no_trust()
            status = validate_pdf_signature(signature, signer_validation_context=context)
        except malformed:
            return FileCheck(path, _covered(_scoped(checks, spans, len(data))), BROKEN_SIGNATURE)
        unsigned = sum(n for j, n in _after(spans, index, len(data)) if j is None)
        check = _check(signature, status, data, trust is not None, unsigned)
        if trust is not None and trust.covers(cert):
            check = _with_revocation(check, status)
        checks.append(check)
    return FileCheck(path, _covered(_scoped(checks, spans, len(data))))


def not_a_pdf(data: bytes) -> str | None:
    """What is wrong with bytes given as a PDF, said before a PDF reader tries them: empty, another
    kind of file (named), cut short, locked by a password; None when they may be a PDF (or say
    nothing of what they are)."""
    if not data:
        return EMPTY
    if not looks_pdf(data):
        kind = sniff(data)
        return f"không phải tệp PDF (đây là {kind.name})" if kind is not None else None
    if looks_cut(data):
        return CUT
    return LOCKED if _locked(data) else None


def _locked(data: bytes) -> bool:
    """Whether a PDF needs a password to open (one that only limits printing or copying does
    not: it opens with the empty password)."""
    from pypdf import PdfReader  # here: see the comment above Revocation
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        return reader.is_encrypted and not reader.decrypt("")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError):
        return False  # damaged otherwise: the PDF reader that follows says so


def stamp_of(path: Path, data: bytes) -> tuple[str, str] | None:
    """The timestamp authority dating a PDF's last signature and its time, if an intact token
    does (checked without roots: `hoso verify --trust` says whether the authority is trusted)."""
    signatures = verify_data(path, data, None).signatures
    last = signatures[-1] if signatures else None
    return (last.timestamp_by, last.time) if last and last.timestamp_by and last.time else None


def _span(data: bytes, signature) -> tuple[int, int]:
    """Where the update holding a signature begins (just after the previous revision's %%EOF)
    and where it ends (the end of the bytes it signs)."""
    end = signature.byte_range[2] + signature.byte_range[3]
    eof = data.rfind(b"%%EOF", 0, signature.byte_range[1])
    start = 0 if eof < 0 else eof + len(b"%%EOF")
    while start < end and data[start] in b"\r\n":
        start += 1
    return min(start, end), end


def _after(spans: list[tuple[int, int]], index: int, size: int) -> list[tuple[int | None, int]]:
    """What follows a signature's bytes, in order: (index, bytes) for a later signature's own
    update, (None, bytes) for anything else; later signatures' bytes are theirs, not additions."""
    position, found = spans[index][1], []
    for later in sorted(range(len(spans)), key=lambda j: spans[j][1]):
        start, end = spans[later]
        if end <= position:
            continue
        if start > position:
            found.append((None, start - position))
        found.append((later, end - max(start, position)))
        position = end
    return found + ([(None, size - position)] if size > position else [])


def _scoped(
    checks: list[SignatureCheck], spans: list[tuple[int, int]], size: int
) -> list[SignatureCheck]:
    """Each signature with what came after it, later signatures named by their signers."""

    def name(j: int | None) -> str:
        return "" if j is None else (checks[j].signer if j < len(checks) else "?")

    return [
        replace(c, after=tuple((name(j), n) for j, n in _after(spans, i, size)))
        for i, c in enumerate(checks)
    ]


def _covered(checks: list[SignatureCheck]) -> tuple[SignatureCheck, ...]:
    """Comments added after a signature count as covered when the file's last signature, made
    after them, is intact and covers the whole file (the organisation signing what its văn thư
    numbered); else they are additions nobody signed."""
    last = checks[-1] if checks else None
    sealed = last is not None and last.intact and last.whole_file
    return tuple(
        replace(c, whole_file=True, added_after="")
        if c.annotations and not c.whole_file and sealed and c is not last
        else c
        for c in checks
    )


def _with_revocation(check: SignatureCheck, status) -> SignatureCheck:
    """A signature checked against a CRL of its issuer: revoked, the CRL too old, or neither."""
    from pyhanko.sign.ades.report import AdESIndeterminate  # here: see above Revocation

    details = status.revocation_details
    if details is not None:
        return replace(
            check, revocation="thu-hoi", revoked_at=vietnam_time(details.revocation_date)
        )
    stale = (AdESIndeterminate.TRY_LATER, AdESIndeterminate.REVOCATION_OUT_OF_BOUNDS_NO_POE)
    if status.trust_problem_indic in stale:
        return replace(check, revocation="crl-cu")
    return replace(check, revocation="con-hieu-luc" if check.trusted else None)


def _check(signature, status, data: bytes, with_roots: bool, unsigned: int) -> SignatureCheck:
    """One signature's findings in plain terms (`unsigned`: bytes added after it besides later
    signatures)."""
    from pyhanko.sign.diff_analysis import ModificationLevel  # here: see above Revocation
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from pipeline.signing.changes import annotations_after  # it loads pypdf

    # Updates after a signature that leave it whole: later signatures and their appearances.
    harmless = (
        ModificationLevel.NONE,
        ModificationLevel.LTA_UPDATES,
        ModificationLevel.FORM_FILLING,
    )
    cert = status.signing_cert
    moment, stamp = _moment(signature, status)
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and status.modification_level in harmless
    )
    added = "" if whole else _added_after(data, signature, unsigned)
    end_of_signed = signature.byte_range[2] + signature.byte_range[3]
    notes = () if whole else annotations_after(data[:end_of_signed], data) or ()
    if notes:
        added = f"chú thích được thêm sau khi ký, không có chữ ký nào sau đó: {'; '.join(notes)}"
    start, end = validity_period(cert)
    return SignatureCheck(
        field=str(signature.field_name),
        signer=common_name(cert),
        organisation=organisation(cert),
        time=vietnam_time(moment) if moment else None,
        intact=bool(status.intact and status.valid),
        whole_file=whole,
        added_after=added,
        trusted=bool(status.trusted) if with_roots else None,
        # Checked without roots too: the certificate names its own validity.
        validity=validity_problem(cert, moment) if moment else None,
        valid_from=vietnam_time(start),
        valid_until=vietnam_time(end),
        annotations=notes,
        timestamp_by=common_name(stamp.signing_cert) if stamp else "",
        timestamp_trusted=bool(stamp.trusted) if stamp and with_roots else None,
        timestamp_broken=status.timestamp_validity is not None and stamp is None,
        signed_bytes=end_of_signed,
    )


def _moment(signature, status) -> tuple[datetime | None, object | None]:
    """When it was signed, and by whose word: a timestamp authority's intact token (returned),
    else the time the signer's machine wrote (None)."""
    stamp = status.timestamp_validity
    if stamp is not None and stamp.intact and stamp.valid:
        return stamp.timestamp, stamp
    return status.signer_reported_dt or signature.self_reported_timestamp, None


def _added_after(data: bytes, signature, extra: int) -> str:
    """What the file has beyond the signed bytes besides later signatures (`extra` bytes):
    pages added, or other changes."""
    from pypdf import PdfReader  # here: see the comment above Revocation
    from pypdf.errors import PdfReadError

    signed_end = signature.byte_range[2] + signature.byte_range[3]
    try:
        before = len(PdfReader(io.BytesIO(data[:signed_end])).pages)
        after = len(PdfReader(io.BytesIO(data)).pages)
    except (PdfReadError, ValueError):
        before = after = 0
    if after > before:
        return f"{after - before} trang được thêm sau khi ký ({extra} byte)"
    if extra > 0:
        return f"nội dung được thêm hoặc sửa sau khi ký ({extra} byte)"
    return "chữ ký không bao trùm toàn bộ tệp"
