"""The period pages check every unit's workbook, and in a period that asks for signed PDFs every
signature, on each view: a file that has not changed since (same path and bytes, same legal file or
trust folder, same day) keeps its result instead of being checked again, so the page of a period of
hundreds of units stays quick (hashing a file costs a fraction of a millisecond, checking a
workbook or a signature tens)."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Generic, TypeVar

from pipeline.check import CheckResult, check_file
from pipeline.inputs import legal
from pipeline.signing.trust import Trust
from pipeline.signing.verify import FileCheck, verify_pdf

Key = tuple[str, str, dt.date, str]
T = TypeVar("T")


class _Kept(Generic[T]):
    """The latest `size` results by key, the oldest dropped first; safe across threads (waitress
    serves pages from several)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Key, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Key) -> T | None:
        with self._lock:
            return self._items.get(key)

    def keep(self, key: Key, value: T) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


class CheckCache:
    """check_files for the period pages (pipeline.period.check.Checker), remembering results."""

    def __init__(self, size: int = 2000) -> None:
        self._kept: _Kept[CheckResult] = _Kept(size)  # a province's periods together, with room

    def __call__(self, paths: Sequence[Path]) -> list[CheckResult]:
        """Each workbook's result: the one kept for it, else a new check (kept in turn)."""
        results = []
        for path in paths:
            key = _key(path)
            found = self._kept.get(key) if key else None
            if found is None:
                found = check_file(path)
                if key:
                    self._kept.keep(key, found)
            results.append(found)
        return results


def _key(path: Path) -> Key | None:
    """What a workbook's result depends on besides the shipped plans: its path (messages name it)
    and bytes, the legal file in use, and the day (dates are checked against today)."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # check_file says why it cannot be read
    own = legal.active_file()
    return (str(path.resolve()), digest, dt.date.today(), str(own))


class VerifyCache:
    """verify_pdf for the period pages (pipeline.period.signatures.Verifier), remembering results."""

    def __init__(self, size: int = 20000) -> None:
        self._kept: _Kept[FileCheck] = _Kept(size)  # a province's signed PDFs, with room

    def __call__(self, path: Path, trust: Trust | None) -> FileCheck:
        """The file's signatures: those kept for it, else checked anew (and kept in turn)."""
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return verify_pdf(path, trust)  # which says why it cannot be read
        # Validity and revocation are judged as of today, against this trust folder.
        key = (str(path.resolve()), digest, dt.date.today(), _fingerprint(trust))
        found = self._kept.get(key)
        if found is None:
            found = verify_pdf(path, trust)
            self._kept.keep(key, found)
        return found


def _fingerprint(trust: Trust | None) -> str:
    """The trust folder's certificates and CRLs, as one digest ("" without a folder)."""
    if trust is None:
        return ""
    digest = hashlib.sha256()
    for item in (*trust.roots, *trust.crls):
        digest.update(hashlib.sha256(item.dump()).digest())
    return digest.hexdigest()


CHECKS = CheckCache()  # one per server process
SIGNATURES = VerifyCache()
