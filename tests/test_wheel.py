"""A real wheel: built from the repository, installed in a fresh venv, used from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from docx import Document

ROOT = Path(__file__).resolve().parent.parent
PLAN = "bu-gia-map-cds-2022-2025"


def _run(args: list, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the repository."""
    root = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", root], ROOT)
    assert built.returncode == 0, built.stdout + built.stderr
    (path,) = root.glob("hoso-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The venv of a fresh install of the wheel (not editable); pip fetches the dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    venv.create(root / "venv", with_pip=True)
    pip = _run([root / "venv" / "bin" / "pip", "install", "-q", wheel], root)
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return root / "venv"


def test_the_wheel_carries_templates_and_plans(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "pipeline/templates/to-trinh.docx" in names
    assert f"pipeline/data/plans/{PLAN}.toml" in names
    assert "pipeline/data/legal.toml" in names
    assert "pipeline/pdf/uno_worker.py" in names
    assert not any(n.startswith(("tests/", "templates/", "data/")) for n in names)


def test_installed_hoso_works_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [installed / "bin" / "python", "-c", "import pipeline; print(pipeline.__file__)"], tmp_path
    )
    assert where.returncode == 0 and str(installed) in where.stdout, where.stdout + where.stderr
    hoso = installed / "bin" / "hoso"
    init = _run([hoso, "init", "--plan", PLAN, "--example", "de-nghi.xlsx"], tmp_path)
    assert init.returncode == 0, init.stdout + init.stderr
    assert "Đã tạo de-nghi.xlsx (có dữ liệu ví dụ)" in init.stdout
    build = _run([hoso, "build", "--no-pdf", "-q", "de-nghi.xlsx"], tmp_path)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "Xong 1/1 tệp" in build.stdout
    to_trinh = Document(tmp_path / "output" / "de-nghi" / "van-ban" / "01-to-trinh.docx")
    text = "\n".join(p.text for p in to_trinh.paragraphs).replace("\u00a0", " ")
    assert "TỜ TRÌNH" in text and "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước" in text
