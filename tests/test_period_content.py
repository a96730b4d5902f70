"""What the office's own documents say: headers, dates, signers, Nơi nhận, Căn cứ, statistics."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from tests.doctext import clean
from tests.test_period import fix_broken_unit

BGM = "bu-gia-map-cds-2022-2025"
BMT = "buon-ma-thuot-cds-2023-2025"
VI_DU = "vi-du-xa-bu-gia-map-2026"


def set_keys(folder: Path, section: str, **values: str) -> None:
    """Set keys of one [section] of dot-xet.toml (a key already there is replaced)."""
    config = folder / "dot-xet.toml"
    lines = config.read_text(encoding="utf-8").splitlines()
    start = lines.index(next(line for line in lines if line.startswith(f"[{section}]")))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    body = [
        line
        for line in lines[start + 1 : end]
        if line.split("=")[0].strip().lstrip("# ") not in values
    ]
    new = [f"{key} = {value}" for key, value in values.items()]
    lines[start + 1 : end] = [*new, *body]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def header_lines(docx: Path) -> list[str]:
    """The paragraphs of the header block's left cell (parent body, issuing body), as printed."""
    cell = Document(str(docx)).tables[0].rows[0].cells[0]
    return [clean(p.text) for p in cell.paragraphs]


def office_docs(folder: Path) -> Path:
    """The van-ban/ folder of the only award the office made documents for."""
    (award,) = [p for p in (folder / "ket-qua" / "tong-hop").iterdir() if (p / "van-ban").is_dir()]
    return award / "van-ban"


def build(run_cli, folder: Path) -> str:
    """`hoso period build` without PDFs; its output, having succeeded."""
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.code == 0, result.out + result.err
    return result.out


def test_an_empty_parent_body_prints_no_line_above_the_issuing_body(period, run_cli) -> None:
    folder = period(VI_DU)  # its decision: `parent_body = ""`
    fix_broken_unit(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    for name in ("01-quyet-dinh.docx", "02-danh-sach.docx", "03-bien-ban.docx"):
        assert header_lines(docs / name)[0] == "ỦY BAN NHÂN DÂN XÃ BÙ GIA MẬP", name


def test_an_office_without_a_parent_body_heads_its_to_trinh_with_itself(period, run_cli) -> None:
    folder = period(BGM)
    set_keys(folder, "office", parent_body='""')
    fix_broken_unit(folder)
    build(run_cli, folder)
    docs = office_docs(folder)
    for name in ("01-to-trinh.docx", "02-danh-sach.docx"):
        assert header_lines(docs / name)[:2] == ["ỦY BAN NHÂN DÂN HUYỆN BÙ GIA MẬP", ""], name
