"""A picture sent in place of a document is named alike wherever hoso reads it: `hoso check`
(in place of a workbook), `hoso verify` (in place of a signed PDF, the words the web's signature
notes come from) and the web's upload of signed files (`hoso signed add`'s words) say "ảnh PNG"."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from pipeline.period.config import load_period
from pipeline.web.accounts import add_user
from pipeline.web.demo import add_period
from tests.pki import Keys
from tests.webtools import PASSWORD, login


def test_verify_says_a_picture_is_a_png_as_check_does(run_cli, keys: Keys, tmp_path: Path) -> None:
    picture, renamed = tmp_path / "chu-ky.png", tmp_path / "to-trinh.pdf"
    shutil.copy(keys.signature_png, picture)
    shutil.copy(keys.signature_png, renamed)
    checked = run_cli("check", picture)
    assert checked.code != 0 and "đây là ảnh PNG" in checked.out, checked.out
    verified = run_cli("verify", picture, renamed)
    assert verified.code == 1, verified.out
    for path in (picture, renamed):
        assert f"✗ {path}: không phải tệp PDF (đây là ảnh PNG)\n" in verified.out, verified.out


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_period_page_names_a_picture_among_signed_documents_a_png(
    data_dir: Path, run_cli, keys: Keys
) -> None:
    found = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    folder = load_period(data_dir / found.folder)
    text = folder.config_path.read_text(encoding="utf-8")
    folder.config_path.write_text(text.replace("# signed = true", "signed = true"), "utf-8")
    assert run_cli("period", "build", "-q", "--no-pdf", folder.folder).code == 1  # one has errors
    first = sorted(folder.units_dir.glob("*.xlsx"))[0]
    first.with_suffix("").mkdir()
    shutil.copy(keys.signature_png, first.with_suffix("") / "to-trinh.pdf")
    add_user("office", "thi-dua", PASSWORD)
    page = html.unescape(login("office").get("/dot-xet/vi-du/").content.decode())
    assert "to-trinh.pdf: không phải tệp PDF (đây là ảnh PNG)" in page
