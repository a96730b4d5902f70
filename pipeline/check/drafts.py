"""A nominee row checked cell by cell: the typed nominee, and where each of its cells is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.check.findings import Source
from pipeline.check.model import Nominee


@dataclass(frozen=True)
class Draft:
    """A row of "Tập thể" or "Cá nhân": its nominee (values as read) and its cells by field key.

    Rules across rows read drafts, so every finding they make names the cell it is about.
    """

    nominee: Nominee
    cells: Mapping[str, Source]

    def at(self, key: str) -> Source:
        """The cell of a field, or the row's name cell when the sheet lacks that column."""
        return self.cells.get(key, self.nominee.source)

    @property
    def who(self) -> str:
        """The nominee as messages name it: the name, or "dòng 9" when the row has none."""
        return self.nominee.name or f"dòng {self.row}"

    @property
    def row(self) -> str:
        """The row number, as messages name it ("7")."""
        return "".join(ch for ch in self.nominee.source.cell or "" if ch.isdigit())
