"""A submission package's files carry meaningful dates, as a clerk sees them listed when opening
the ZIP: a signed document its (last) signing time, an unsigned one when hoso made it; the
package's own files its newest. The same files still give the same ZIP, byte for byte."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
VIETNAM_OFFSET = "+07:00"


def _shown(moment: datetime) -> tuple[int, ...]:
    """A moment as a ZIP lists it: Vietnamese wall-clock time, to two seconds (the DOS format)."""
    return (*moment.timetuple()[:5], moment.second - moment.second % 2)


def _pdf_date(text: str) -> datetime:
    """LibreOffice's CreationDate: "D:YYYYMMDDHHMMSS" then "Z'" (UTC) or "+07'00'"."""
    zone = "+0000" if text[16:17] == "Z" else text[16:22].replace("'", "")
    return datetime.strptime(text[2:16] + zone, "%Y%m%d%H%M%S%z")


def test_package_entries_are_dated_by_signing_and_making_not_a_fixed_day(
    run_cli, keys: Keys, bgm_output: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(bgm_output, out, symlinks=True)
    (batch,) = [p for p in out.iterdir() if (p / "manifest.json").is_file()]
    signed = tmp_path / "to-trinh-da-ky.pdf"
    done = run_cli(
        "sign", batch / "van-ban" / "01-to-trinh.pdf", "-o", signed,
        "--p12", keys.signer_p12, "--password", pki.PASSWORD,
    )  # fmt: skip
    assert done.code == 0, done.out + done.err
    assert run_cli("signed", "add", out, signed).code == 0
    signed_at = json.loads(run_cli("verify", "--json", signed).out)["files"][0]["signatures"]
    signed_at = datetime.fromisoformat(signed_at[-1]["time"])
    made = PdfReader(batch / "van-ban" / "02-danh-sach.pdf").metadata["/CreationDate"]

    assert run_cli("package", out).code == 0
    package = sorted((batch / "goi-nop").glob("0*.zip"))[0]
    first = package.read_bytes()
    with zipfile.ZipFile(package) as archive:
        dates = {info.filename: info.date_time for info in archive.infolist()}

    assert signed_at.isoformat().endswith(VIETNAM_OFFSET)
    assert dates["01-to-trinh.pdf"] == _shown(signed_at)
    assert dates["02-danh-sach.pdf"] == _shown(_pdf_date(made).astimezone(signed_at.tzinfo))
    assert dates["manifest.json"] == dates["ket-qua-kiem-tra.txt"] == max(dates.values())
    assert (2024, 1, 1, 0, 0, 0) not in dates.values()

    assert run_cli("package", out).code == 0
    assert package.read_bytes() == first  # the same files, the same package
