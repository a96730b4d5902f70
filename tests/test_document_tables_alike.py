"""The office's consolidated danh sách prints one table of each kind per unit, each under the
unit's heading ("Cá nhân của Phòng Văn hóa - Xã hội phường …"): their columns line up from one
unit to the next, as a reader running down the page expects, whatever each unit's texts need."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

BMT = "buon-ma-thuot-cds-2023-2025"  # its offices' units are in the same ward: long names


def _column_widths(docx: Path) -> dict[tuple[str, ...], list[tuple[int, ...]]]:
    """Each bordered table's column widths (twips), under the texts of its column headers."""
    kinds: dict[tuple[str, ...], list[tuple[int, ...]]] = defaultdict(list)
    for table in Document(str(docx)).tables:
        rows = table._tbl.findall(qn("w:tr"))
        heads = next((r for r in rows if len(r.findall(qn("w:tc"))) > 1), None)
        if heads is None or table.style is None:
            continue
        texts = tuple("".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in heads)
        grid = table._tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
        kinds[texts].append(tuple(int(c.get(qn("w:w"))) for c in grid))
    return kinds


def test_each_units_tables_share_their_column_widths(period, run_cli) -> None:
    folder = period(BMT)
    run_cli("period", "build", "--no-pdf", "-q", folder)  # an example unit has errors: exit 1
    (docx,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/02-danh-sach.docx")
    kinds = {k: v for k, v in _column_widths(docx).items() if "STT" in k}
    assert {len(widths) for widths in kinds.values()} != {1}, kinds  # several units' tables
    for heads, widths in kinds.items():
        assert len(set(widths)) == 1, (heads, widths)
