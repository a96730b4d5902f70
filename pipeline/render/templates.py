"""Where templates are found: the user's folder, the plan's folder, then the built-in ones."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import TemplateError
from pipeline.resources import TEMPLATES_DIR


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
