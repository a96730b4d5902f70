"""What a new user meets walking through the README: paths, words and hints as the user reads them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_the_folder_the_certificates_are_written_to(period, run_cli) -> None:
    line = next(
        ln for ln in README.splitlines() if ln.startswith("hoso period certificates dot-xet-2023  ")
    )
    said = re.search(r"# (\S+)/<mã hình thức>/(\S+\.pdf)", line)
    assert said, line
    folder = period("vi-du-xa-bu-gia-map-2026")  # decides its Giấy khen, after its council
    assert run_cli("period", "certificates", folder).code == 0
    written = list((folder / said[1]).glob(f"*/{said[2]}"))
    assert written, f"{said[1]}/…/{said[2]} not written"
