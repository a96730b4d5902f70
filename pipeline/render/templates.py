"""Where templates are found: the user's folder, the plan's folder, then the built-in ones."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import TemplateError
from pipeline.resources import TEMPLATES_DIR

# What Word saves a document as; hoso reads only .docx (Word's own "Word Document").
_WORD = {".docx", ".doc", ".docm", ".dotx", ".dot", ".odt", ".rtf"}


@dataclass(frozen=True)
class TemplateSet:
    """Where templates are looked up, in order: the user's folder, the plan's folder, built-in."""

    folders: tuple[Path, ...]

    @classmethod
    def build(cls, user: Path | None = None, plan: Path | None = None) -> TemplateSet:
        """A lookup order with the built-in templates last."""
        return cls(tuple(p for p in (user, plan, TEMPLATES_DIR) if p is not None))

    def find(self, name: str) -> Path:
        """The first template of that name in lookup order."""
        for folder in self.folders:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        raise TemplateError(
            f"Không tìm thấy mẫu {name} trong: {', '.join(map(str, self.folders))}."
        )

    def strays(self, known: Collection[str]) -> list[str]:
        """What is wrong with each Word file of the office's (or the plan's) folders that hoso
        never uses: a name not a template's, or not a .docx. Without this the built-in template
        is used in its place, silently, and the office's wording never shows."""
        said = []
        for folder in self.folders:
            if folder == TEMPLATES_DIR or not folder.is_dir():
                continue
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() not in _WORD or path.name[0] in "~." or path.name in known:
                    continue
                said.append(_stray(path, known))
        return said


def _stray(path: Path, known: Collection[str]) -> str:
    """Why hoso does not use a Word file of a templates folder, and what to do."""
    stem = path.stem.strip().lower()
    if path.suffix.lower() != ".docx" and f"{stem}.docx" in known:
        return (
            f"Mẫu {path}: hoso chỉ đọc tệp .docx; hãy mở tệp này bằng Word và lưu lại dưới dạng "
            f"“Word Document (.docx)” với tên {stem}.docx."
        )
    hint = nearest_template(path.name, known)
    return (
        f"Mẫu {path}: “{path.name}” không phải tên một mẫu của hoso, hoso không dùng tệp này "
        f"({hint}các tên mẫu: hoso templates). Hãy đổi tên tệp cho đúng tên mẫu nó thay, hoặc chuyển "
        "nó ra khỏi thư mục mẫu."
    )


def nearest_template(name: str, known: Collection[str]) -> str:
    """ "có phải to-trinh.docx? " for a template's name mistyped, "" when none is near."""
    stem = Path(name).stem.strip().lower()
    close = difflib.get_close_matches(f"{stem}.docx", sorted(known), n=1, cutoff=0.6)
    return f"có phải {close[0]}? " if close else ""
