"""A picture sent in place of a document is named alike wherever hoso reads it: `hoso check`
(in place of a workbook), `hoso verify` (in place of a signed PDF, the words the web's signature
notes come from) and the web's upload of signed files (`hoso signed add`'s words) say "ảnh PNG"."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.pki import Keys


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
