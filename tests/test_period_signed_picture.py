"""A picture renamed .pdf among a unit's signed documents is named as `hoso verify` names it
("ảnh PNG"), on the terminal and on the office's period page, not as a PDF matching nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pipeline.period.check import check_period
from pipeline.period.config import load_period
from pipeline.period.signatures import with_signatures
from tests.pki import Keys
from tests.test_period import units


def test_a_picture_among_signed_documents_is_named_a_png(
    run_cli, period, keys: Keys, tmp_path: Path
) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8").replace("# signed = true", "signed = true")
    config.write_text(text, encoding="utf-8")
    assert run_cli("period", "build", "-q", "--no-pdf", folder).code == 1  # a unit has errors
    first = units(folder)[0]
    first.with_suffix("").mkdir()
    shutil.copy(keys.signature_png, first.with_suffix("") / "to-trinh.pdf")
    said = "to-trinh.pdf: không phải tệp PDF (đây là ảnh PNG)"
    checked = with_signatures(check_period(load_period(folder)), folder / "ket-qua")
    assert said in checked.units[0].signing, checked.units[0].signing
    out = run_cli("period", "check", folder).out
    assert said in " ".join(out.split()), out
    assert not re.search(r"to-trinh\.pdf: không khớp", out)
