"""Incremental builds: content keys for documents and dossiers, and the previous build to reuse."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.build.manifest import DocumentEntry, DossierEntry, FileEntry, read_manifest
from pipeline.resources import DATA_DIR

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@cache
def code_fingerprint() -> str:
    """A hash of hoso's own code and data: a new version of either invalidates every key."""
    digest = hashlib.sha256(__version__.encode())
    for root in dict.fromkeys((PACKAGE_DIR, DATA_DIR.resolve())):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in (".py", ".toml"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def key(*parts: Any) -> str:
    """A content key: the sha256 of the parts as canonical JSON, plus the code fingerprint."""
    text = json.dumps([code_fingerprint(), *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Previous:
    """What the last build left in a batch folder, as its manifest says; trusted only if intact."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.manifest = read_manifest(folder)

    def intact(self, entry: FileEntry | None, *, quick: bool = False) -> bool:
        """True when a listed file is still there with the bytes the manifest recorded.

        `quick` compares sizes only: enough to notice a deleted or truncated file in the many
        untouched folders of a rebuild, without reading hundreds of megabytes of PDF.
        """
        if entry is None:
            return False
        path = self.folder / entry.path
        if not path.is_file():
            return False
        if quick:
            return path.stat().st_size == entry.bytes
        return sha256_file(path) == entry.sha256

    def document(self, doc_key: str) -> DocumentEntry | None:
        """The previous entry of a document with this key, when its DOCX (and PDF) are intact."""
        for entry in self.manifest.documents if self.manifest else ():
            if entry.key == doc_key and self.intact(entry):  # noqa: SIM102 (DOCX, then its PDF)
                if entry.pdf is None or self.intact(entry.pdf):
                    return entry
        return None

    def dossier(self, dossier_key: str) -> DossierEntry | None:
        """The previous entry of a dossier with this key, when its PDF is intact."""
        for entry in self.manifest.dossiers if self.manifest else ():
            if entry.key == dossier_key and self.intact(entry):
                return entry
        return None

    def whole_batch_intact(self) -> bool:
        """Every file the manifest lists is still there unchanged."""
        if self.manifest is None:
            return False
        m = self.manifest
        entries = [*m.documents, *m.dossiers, *(d.pdf for d in m.documents if d.pdf)]
        return bool(m.documents) and all(self.intact(e, quick=True) for e in entries)


class Digests:
    """Content hashes of the folders a build reads besides the workbook, each computed once."""

    def __init__(self) -> None:
        self._done: dict[Path, str] = {}

    def folder(self, path: Path | None) -> str:
        """The hash of every file under a folder (names and bytes); "" for none."""
        if path is None or not path.is_dir():
            return ""
        path = path.resolve()
        if path not in self._done:
            digest = hashlib.sha256()
            for item in sorted(p for p in path.rglob("*") if p.is_file()):
                digest.update(str(item.relative_to(path)).encode())
                digest.update(item.read_bytes())
            self._done[path] = digest.hexdigest()
        return self._done[path]

    def file(self, path: Path | None) -> str:
        """The hash of one file's bytes; "" for none."""
        if path is None or not path.is_file():
            return ""
        return hashlib.sha256(path.read_bytes()).hexdigest()


def fast_key(workbook_sha: str, folders: list[str], pdf: bool, duplex: bool) -> str:
    """Everything a batch's output depends on: workbook bytes, plans, templates, code, options.

    Equal keys mean the previous output is current, so the workbook need not even be checked again.
    """
    return key("fast", workbook_sha, folders, pdf, duplex)
