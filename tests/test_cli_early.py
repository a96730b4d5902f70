"""`hoso period build` starts LibreOffice before hoso's imports (pipeline.cli.early): only for
that command with PDFs, one worker, and the build that follows uses it and makes the same PDFs."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.cli import early
from pipeline.inputs.plans import get_plan
from pipeline.period.scaffold import init_period
from tests.conftest import cell_of, edit

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "argv",
    [
        ["hoso", "build", "hoso.xlsx"],
        ["hoso", "period", "check", "dot-xet"],
        ["hoso", "period", "build", "--no-pdf", "dot-xet"],
        ["hoso", "period", "build", "--help"],
        ["hoso"],
    ],
)
def test_no_libreoffice_started_for_other_commands(argv: list[str]) -> None:
    early.start(argv)
    assert early.take() is None


def test_period_build_starts_one_worker_at_once() -> None:
    early.start(["hoso", "period", "build", "-q", "dot-xet"])
    pool = early.take()
    assert pool is not None
    with pool:
        assert early.take() is None  # the caller's now: taken once
        deadline = time.monotonic() + 120
        while not pool.soffice_pids() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(pool.soffice_pids()) == 1  # one worker; the build warms the rest if needed
    assert pool.soffice_pids() == []


def _text(pdf: Path) -> str:
    """The PDF's words, one space between them (lines break where LibreOffice wrapped them)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_cli_rebuild_after_one_edit_uses_the_early_worker(tmp_path: Path) -> None:
    """The command as an office runs it: built, one nominee's achievements changed, built
    again into the same folder; the changed report's PDF says the new words."""
    folder, out = tmp_path / "dot-xet", tmp_path / "ket-qua"
    init_period(folder, get_plan("bu-gia-map-cds-2022-2025"), None, example=True)
    command = [sys.executable, "-m", "pipeline.cli", "period", "build", "-q", "-o", str(out)]
    first = subprocess.run([*command, str(folder)], cwd=REPO, capture_output=True, text=True)
    # 1, always: the example period's third unit has a birth date that does not exist (its
    # dossier is not made), and a period build with a unit in error exits 1 (PeriodBuild).
    assert first.returncode == 1, first.stdout + first.stderr
    broken = "03-uy-ban-nhan-dan-xa-phu-nghia.xlsx › Cá nhân!D3: “Ngày sinh”: ngày “31/02/1985”"
    assert broken in first.stdout, first.stdout
    workbook = sorted((folder / "don-vi").glob("*.xlsx"))[0]
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Thành tích", 2)] = "Đã số hóa toàn bộ hồ sơ lưu trữ của phòng năm 2023."
    again = subprocess.run([*command, str(folder)], cwd=REPO, capture_output=True, text=True)
    assert again.returncode == 1, again.stdout + again.stderr
    assert again.stderr == ""
    assert "1 văn bản tạo mới" in again.stdout, again.stdout
    pdfs = sorted((out / "don-vi" / workbook.stem / "van-ban").rglob("*.pdf"))
    said = [p.name for p in pdfs if "Đã số hóa toàn bộ hồ sơ lưu trữ" in _text(p)]
    assert len(said) == 1, [p.name for p in pdfs]  # the nominee's Báo cáo thành tích
