"""Which document a signed PDF is the signed copy of: its original's bytes at its start, else the
same text; among several batch folders, the one whose build is in use (`hoso signed add`)."""

from __future__ import annotations

import hashlib
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.build.manifest import DocumentEntry, Manifest
from pipeline.build.signed import renamed_workbook
from pipeline.pdf.text import pdf_text
from pipeline.signing.steps import REMAKE_TAKE, TAKE_INTO
from pipeline.steps import Advice

NO_MATCH = "không khớp với văn bản nào của hồ sơ (nội dung khác mọi văn bản đã tạo)"


class Refusal(Exception):
    """A file is refused; the message says why."""


@dataclass(frozen=True)
class Candidate:
    """A document of a batch with a PDF: where it is and what it says."""

    folder: Path
    entry: DocumentEntry


def candidates_of(folder: Path, manifest: Manifest) -> list[Candidate]:
    """The documents of a batch folder that have a PDF."""
    return [Candidate(folder, doc) for doc in manifest.documents if doc.pdf is not None]


class Texts:
    """The text of PDFs, without spaces and in NFC, each read once."""

    def __init__(self) -> None:
        self._cache: dict[Path, str] = {}

    def of_candidate(self, candidate: Candidate) -> str:
        """The text of a document's PDF."""
        assert candidate.entry.pdf is not None
        path = candidate.folder / candidate.entry.pdf.path
        if path not in self._cache:
            try:
                self._cache[path] = self.of_bytes(path.read_bytes())
            except OSError:
                self._cache[path] = ""
        return self._cache[path]

    @staticmethod
    def of_bytes(data: bytes) -> str:
        """The text of a PDF's pages (empty when it cannot be read)."""
        return pdf_text(data)


def match_document(
    data: bytes, candidates: list[Candidate], texts: Texts
) -> tuple[Candidate, str] | None:
    """The document a signed PDF came from and how it matched ("bytes" or "text"), or None."""
    found = next(iter(_by_bytes(data, candidates)), None)
    if found is not None:
        return found, "bytes"
    found = next(iter(_by_text(data, candidates, texts)), None)
    return (found, "text") if found is not None else None


def _by_bytes(data: bytes, candidates: list[Candidate]) -> list[Candidate]:
    """The documents whose PDF the file starts with (an incremental update keeps it whole)."""
    digests: dict[int, str] = {}
    found = []
    for candidate in candidates:
        pdf = candidate.entry.pdf
        if pdf is None or pdf.bytes > len(data):
            continue
        if pdf.bytes not in digests:
            digests[pdf.bytes] = hashlib.sha256(data[: pdf.bytes]).hexdigest()
        if digests[pdf.bytes] == pdf.sha256:
            found.append(candidate)
    return found


def _by_text(data: bytes, candidates: list[Candidate], texts: Texts) -> list[Candidate]:
    """The documents with the same text (the signing tool rewrote the file)."""
    text = texts.of_bytes(data)
    return [c for c in candidates if text and texts.of_candidate(c) == text]


Match = tuple[Candidate, str]


def _no_match(candidates: list[Candidate]) -> str:
    """NO_MATCH, and when PDFs the build made are no longer there (deleted or moved by hand),
    that the file may be the signed copy of one of them, which cannot be compared."""
    gone = [  # named inside the batch folder, as a taken file's place is (no server path)
        f"{c.folder.name}/{c.entry.pdf.path}"
        for c in candidates
        if c.entry.pdf is not None and not (c.folder / c.entry.pdf.path).is_file()
    ]
    if not gone:
        return NO_MATCH
    named = ", ".join(gone[:3]) + (f" và {len(gone) - 3} tệp khác" if gone[3:] else "")
    return Advice(
        f"{NO_MATCH}; {len(gone)} bản PDF gốc của hồ sơ không còn ({named}) nên không đối chiếu "
        "được: ",
        REMAKE_TAKE,
    )


class Chooser:
    """The document a signed file goes to when several batch folders have it: the old folder of a
    renamed workbook beside the one built since, or two workbooks saying the same."""

    def __init__(self, folders: list[Path], *, dropped: bool = False) -> None:
        self._folders = folders
        self._dropped = dropped  # a file dropped into a folder's da-ky/ is that folder's first
        self._current: dict[Path, bool] = {}

    def current(self, folder: Path) -> bool:
        """Whether the folder's build is in use: its manifest does not say that its workbook has
        gone from where it was built while a folder beside it was built since from one in place."""
        if folder not in self._current:
            self._current[folder] = renamed_workbook(folder) is None
        return self._current[folder]

    def document(self, path: Path, data: bytes, candidates: list[Candidate], texts: Texts) -> Match:
        """The document the file goes to and how it matched ("bytes", "text"); Refusal when it
        matches none, or documents of several folders none of which comes first."""
        home = [f for f in self._folders if self._dropped and path.is_relative_to(f)]
        found: list[Match] = [(c, "bytes") for c in _by_bytes(data, candidates)]
        # The texts are read only when the bytes point at no folder in use (the common case).
        if not any(c.folder in home or self.current(c.folder) for c, _ in found):
            matched = {c for c, _ in found}
            found += [(c, "text") for c in _by_text(data, candidates, texts) if c not in matched]
        if not found:
            raise Refusal(_no_match(candidates))
        preferred: tuple[Callable[[Match], bool], ...] = (
            lambda m: m[0].folder in home,
            lambda m: self.current(m[0].folder),
            lambda m: m[1] == "bytes",  # its original's very bytes: the folder it was made from
        )
        for wanted in preferred:
            found = [m for m in found if wanted(m)] or found
        folders = list(dict.fromkeys(c.folder for c, _ in found))
        if len(folders) > 1:
            raise Refusal(self._undecided(path, found[0][0].entry.title, folders))
        return found[0]

    def _undecided(self, path: Path, title: str, folders: list[Path]) -> str:
        """Why a file that is a document of several folders, none in use before the others, is
        not taken: the folders named, and how to take it into one."""
        named = ", ".join(str(f) for f in folders)
        why = (
            "mỗi hồ sơ đều được tạo từ một bảng tính vẫn còn ở chỗ cũ"
            if self.current(folders[0])
            else "bảng tính của các hồ sơ này đều không còn ở chỗ cũ"
        )
        return Advice(
            f"là “{title}” của {len(folders)} hồ sơ ({named}), không rõ hồ sơ nào đang dùng "
            f"({why})",
            TAKE_INTO,
            folder=shlex.quote(str(folders[0])),
            file=shlex.quote(str(path)),
        )
