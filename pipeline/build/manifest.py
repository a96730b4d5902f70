"""The manifest of a batch folder (manifest.json): typed, versioned, written and read only here.

It records what the folder was built from (workbook, plan, code), every file with its sha256, and
the content key that lets the next build reuse a file instead of making it again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from pipeline.files import write_atomically

MANIFEST = "manifest.json"
SIGNED_DIR = "da-ky"  # signed PDFs taken back, at their document's PDF path under this folder
SET_ASIDE_DIR = f"{SIGNED_DIR}/cu"  # signed PDFs a rebuild no longer matches, kept to be seen
# Bumped whenever a field changes meaning; a folder with another version is rebuilt, not trusted.
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class FileEntry:
    """A file of the folder: where (relative, POSIX), its sha256 and size."""

    path: str
    sha256: str
    bytes: int

    @classmethod
    def of(cls, data: bytes, path: str) -> FileEntry:
        """The entry of bytes written at a path."""
        return cls(path, hashlib.sha256(data).hexdigest(), len(data))


@dataclass(frozen=True)
class PdfEntry(FileEntry):
    """A PDF of the folder, with its page count."""

    pages: int


@dataclass(frozen=True)
class SignedEntry(PdfEntry):
    """The signed PDF of a document, taken back by `hoso signed add` (stored under da-ky/)."""

    signers: tuple[str, ...]  # the certificates' names, in signing order
    matched: Literal["bytes", "text"]  # original bytes found at its start, or the same text
    source: str  # the file name it was taken back from


@dataclass(frozen=True)
class SetAsideEntry(FileEntry):
    """A signed PDF moved to da-ky/cu/ by this build: its document now says something else."""

    title: str | None  # the document it was signed for; None for a file no manifest listed


@dataclass(frozen=True)
class DocumentEntry(FileEntry):
    """A document: its DOCX (path, sha256, bytes), once converted its PDF, once signed that too."""

    kind: str
    nominee: str | None  # the nominee's id for a report, else None
    title: str
    key: str  # content key: template, context, properties, code
    pdf: PdfEntry | None
    signed: SignedEntry | None = None


@dataclass(frozen=True)
class DossierEntry(PdfEntry):
    """A dossier PDF: one nominee's (nominee set) or the whole batch's (nominee None)."""

    nominee: str | None
    title: str
    key: str  # content key: its documents' PDFs, outline, metadata, duplex


@dataclass(frozen=True)
class NomineeEntry:
    """A nominee of the workbook and whether the council's vote passed them."""

    id: str
    name: str
    kind: Literal["tap-the", "ca-nhan"]
    passed: bool


@dataclass(frozen=True)
class FindingEntry:
    """A warning of the check (a built folder has no errors), replayed by unchanged rebuilds."""

    severity: Literal["error", "warning"]
    code: str
    sheet: str | None
    cell: str | None
    message: str
    also: tuple[str, ...] = ()  # further cells of a grouped warning


@dataclass(frozen=True)
class Manifest:
    """Everything a batch folder holds and what it was made from."""

    manifest_version: int
    hoso_version: str
    fast_key: str  # workbook, plans, templates, code and options: equal keys, nothing to do
    workbook: str  # the workbook's file name
    workbook_sha256: str
    plan: str
    review: str
    award: str
    nominees: tuple[NomineeEntry, ...]
    documents: tuple[DocumentEntry, ...]
    dossiers: tuple[DossierEntry, ...]
    findings: tuple[FindingEntry, ...]
    set_aside: tuple[SetAsideEntry, ...] = ()  # signed copies this build moved to da-ky/cu/
    # Where the workbook was, relative to this folder (POSIX), when built: a folder whose workbook
    # is gone while a folder beside it was built since (renamed) says so; "" when not recorded.
    workbook_path: str = ""

    def to_bytes(self) -> bytes:
        """The manifest as written: indented UTF-8 JSON, keys in field order."""
        return (json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_ADAPTER = TypeAdapter(Manifest)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Replace the folder's manifest atomically (a reader never sees half of it)."""
    write_atomically(folder / MANIFEST, lambda tmp: tmp.write_bytes(manifest.to_bytes()))


def read_manifest(folder: Path) -> Manifest | None:
    """The folder's manifest; None when absent, unreadable, or of another version."""
    try:
        raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("manifest_version") != MANIFEST_VERSION:
        return None
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError:
        return None
