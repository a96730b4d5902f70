"""`hoso check` and `hoso --version` start without the libraries only other commands use (pyHanko
and the aiohttp it loads, for signing; docxtpl and Jinja for rendering; pypdf for joining and
reading PDFs; reportlab for certificates; Django, Celery for the web app and its queue): each
would cost every run of these commands its import time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.authoring.scaffold import init_workbook
from pipeline.inputs.plans import get_plan

# Loaded only by the commands that use them: signing and verifying (a signed PDF's check too),
# building documents and certificates, `hoso serve` and `hoso worker`.
HEAVY = (
    "pyhanko",
    "pyhanko_certvalidator",
    "aiohttp",
    "asn1crypto",
    "docx",
    "docxtpl",
    "jinja2",
    "pypdf",
    "reportlab",
    "uharfbuzz",
    "fontTools",
    "django",
    "matplotlib",
    "celery",
    "kombu",
)
# The command runs as `hoso` runs it (pipeline.cli: early start, then main); what it printed
# comes first, then the heavy libraries it had loaded, as JSON on the last line.
RUN = f"""
import json, sys
sys.argv = ["hoso", *sys.argv[1:]]
try:
    from pipeline.cli import main
    main()
except SystemExit as exc:
    code = exc.code
print()
print(json.dumps([sorted(m for m in {HEAVY!r} if m in sys.modules), code]))
"""


@pytest.mark.parametrize("command", [["--version"], ["check", "de-nghi.xlsx"]])
def test_light_commands_load_no_heavy_library(tmp_path: Path, command: list[str]) -> None:
    init_workbook(
        tmp_path / "de-nghi.xlsx", get_plan("vi-du-xa-bu-gia-map-2026"), None, True, False
    )
    done = subprocess.run(
        [sys.executable, "-c", RUN, *command],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    *printed, last = done.stdout.rstrip("\n").split("\n")
    loaded, code = json.loads(last)
    said = "\n".join(printed)
    if command == ["--version"]:
        assert code == 0 and said.startswith("hoso, phiên bản "), said
    else:
        # The example workbook checks clean: the command ran its whole path, not an early error.
        assert code == 0 and "de-nghi.xlsx" in said, said + done.stderr
    assert loaded == [], f"hoso {' '.join(command)} loaded {loaded}"
