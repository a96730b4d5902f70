"""`hoso lint FILES…`: folders expanded, every file linted, each file's problems said under its name."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.files import reason
from pipeline.lint.docx_io import NOT_FOUND, UnreadableDocx, not_docx
from pipeline.lint.model import LintIssue
from pipeline.lint.tags import BROKEN

SUFFIXES = (".docx",)  # what lint reads; a folder is searched for these
# What Word or Writer saves besides a .docx: named in a folder, as `hoso build` refuses them there.
OTHER_WORD = (".doc", ".docm", ".dot", ".dotx", ".dotm", ".odt", ".rtf")


@dataclass(frozen=True)
class FileResult:
    """What lint found for one path: its issues, or why it could not be linted at all."""

    path: Path
    issues: tuple[LintIssue, ...] = ()
    unreadable: str = ""  # why the path could not be linted, without its name

    @property
    def failed(self) -> bool:
        return bool(self.issues or self.unreadable)


def _hidden(path: Path) -> bool:
    """Word's lock files ("~$…"), hidden files and a Mac's "._…" files: nobody's document."""
    return path.name.startswith(("~$", "."))


def _in_folder(folder: Path) -> tuple[list[Path], list[FileResult]]:
    """The documents under a folder (subfolders too, sorted) and the folders that could not be read."""
    found: list[Path] = []
    unreadable: list[FileResult] = []

    def refused(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        why = f"không đọc được thư mục: {reason(exc, 'đọc')}"
        unreadable.append(FileResult(where, unreadable=why))

    for root, dirs, files in os.walk(folder, onerror=refused):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += (Path(root) / f for f in files if f.lower().endswith(SUFFIXES))
        others = (Path(root) / f for f in files if f.lower().endswith(OTHER_WORD))
        unreadable += (FileResult(p, unreadable=not_docx(p)) for p in others if not _hidden(p))
    documents = sorted((p for p in found if not _hidden(p)), key=lambda p: p.parts)
    if not documents and not unreadable:
        why = "thư mục không có tệp Word (.docx) nào, kể cả trong các thư mục con"
        unreadable.append(FileResult(folder, unreadable=why))
    return documents, unreadable


def lint_one(path: Path) -> FileResult:
    """Lint one file; a file that cannot be read is its result, never an exception."""
    from pipeline.lint import lint_docx  # the package imports this module

    try:
        return FileResult(path, tuple(lint_docx(path)))
    except UnreadableDocx as exc:
        why = exc.why if exc.why == NOT_FOUND else f"không đọc được tệp: {exc.why}"
        return FileResult(path, unreadable=why)


def lint_paths(paths: Iterable[Path]) -> list[FileResult]:
    """Lint every file given and every document in every folder given, in order (each file once,
    however many times it is named)."""
    results: list[FileResult] = []
    seen: set[Path] = set()

    def once(path: Path) -> bool:
        key = path.resolve()
        new = key not in seen
        seen.add(key)
        return new

    for path in paths:
        if path.is_dir():
            documents, unreadable = _in_folder(path)
            inside = [*unreadable, *(lint_one(d) for d in documents if once(d))]
            results += sorted(inside, key=lambda result: result.path.parts)
        elif not path.exists():
            results.append(FileResult(path, unreadable=NOT_FOUND))
        elif once(path):
            results.append(lint_one(path))
    return results


def lint_text(results: list[FileResult]) -> str:
    """The report a user reads: one line per file, its issues under it, a count when many."""
    lines: list[str] = []
    for result in results:
        if result.unreadable:
            lines.append(f"✗ {result.path}: {result.unreadable}")
            continue
        lines.append(f"{'✗' if result.issues else '✓'} {result.path}: {_counted(result.issues)}")
        lines += (f"    {issue.where}: {issue.message}" for issue in result.issues)
    if len(results) > 1:
        lines.append(_summary(results))
    return "\n".join(lines)


def _counted(issues: tuple[LintIssue, ...]) -> str:
    """How many problems a file has: of format, and (in a template) of its tags."""
    tags = sum(issue.rule.startswith("template-") for issue in issues)
    if any(issue.rule == BROKEN for issue in issues):
        return f"{tags} lỗi ở thẻ của mẫu (thể thức được kiểm tra khi thẻ đã sửa xong)"
    said = f"{len(issues) - tags} lỗi thể thức"
    return f"{said}, {tags} lỗi ở thẻ của mẫu" if tags else said


def _summary(results: list[FileResult]) -> str:
    with_issues = sum(bool(r.issues) for r in results)
    unreadable = sum(bool(r.unreadable) for r in results)
    parts = [f"{len(results) - with_issues - unreadable} tệp đạt"]
    if with_issues:
        parts.append(f"{with_issues} tệp có lỗi")
    if unreadable:
        parts.append(f"{unreadable} tệp hoặc thư mục không đọc được")
    return "Tổng cộng: " + ", ".join(parts) + "."
