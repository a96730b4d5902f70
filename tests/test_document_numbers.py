"""A batch's documents in van-ban/ are numbered 01, 02, 03… among those it has: no number missing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import BGM
from tests.fakes import docx_text

MK = "muong-khuong-cds-2022-2025"  # its plan asks for no Biên bản, and has a Trích ngang


def _build(example_cache, run_cli, tmp_path: Path, plan: str) -> Path:
    """A plan's example built without PDFs: its batch folder."""
    workbook = tmp_path / "hoso.xlsx"
    shutil.copy(example_cache(plan), workbook)
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", workbook)
    assert result.code == 0, result.out + result.err
    return tmp_path / "out" / "hoso"


def _text(path: Path) -> str:
    """A DOCX's text, its non-breaking spaces read as spaces."""
    return " ".join(docx_text(path).split())


def _singles(folder: Path) -> list[str]:
    """The files directly in van-ban/ (the nominees' reports are under van-ban/bao-cao/)."""
    return sorted(p.name for p in (folder / "van-ban").iterdir() if p.is_file())


def test_a_plan_without_a_bien_ban_numbers_its_trich_ngang_03(
    example_cache, run_cli, tmp_path: Path
) -> None:
    # It was 04-trich-ngang after 02-danh-sach: a clerk looked for the missing 03.
    folder = _build(example_cache, run_cli, tmp_path, MK)
    assert _singles(folder) == ["01-to-trinh.docx", "02-danh-sach.docx", "03-trich-ngang.docx"]
    docs = folder / "van-ban"
    assert "TỜ TRÌNH" in _text(docs / "01-to-trinh.docx")
    assert "DANH SÁCH" in _text(docs / "02-danh-sach.docx")
    assert "TRÍCH NGANG THÀNH TÍCH" in _text(docs / "03-trich-ngang.docx")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    titles = {d["path"]: d["title"] for d in manifest["documents"]}
    assert titles["van-ban/03-trich-ngang.docx"] == "Trích ngang thành tích"
    # The nominees' reports keep their own numbers, by their rows, under bao-cao/.
    assert any(docs.glob("bao-cao/01-*.docx"))


def test_a_plan_with_a_bien_ban_keeps_its_numbers(example_cache, run_cli, tmp_path: Path) -> None:
    folder = _build(example_cache, run_cli, tmp_path, BGM)
    assert _singles(folder) == ["01-to-trinh.docx", "02-danh-sach.docx", "03-bien-ban.docx"]
    assert "BIÊN BẢN" in _text(folder / "van-ban" / "03-bien-ban.docx")
    assert any((folder / "van-ban").glob("bao-cao/01-*.docx"))
