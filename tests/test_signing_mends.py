"""Signing mends a tester asked for: a broken signature said as such, files that are not PDFs named,
an expired certificate refused, a signed file never changed in place, a signature never printed
over another, a second signed copy never dropping the first, a period's results folder named."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from pipeline.build import BuildOptions, build
from pipeline.pdf.pool import LibreOfficePool
from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
BROKEN = (
    "tệp PDF đọc được nhưng chữ ký số bị HỎNG: dữ liệu chữ ký trong tệp đã bị thay đổi, "
    "không đọc được"
)


@pytest.fixture(scope="module")
def built(example_cache: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bù Gia Mập's example built with real LibreOffice (an output folder holding one batch)."""
    out = tmp_path_factory.mktemp("built")
    with LibreOfficePool(size=1) as pool:
        report = build([example_cache(BGM)], BuildOptions(out_dir=out), converter=pool)
    assert report.exit_code == 0, [r.error for r in report.results]
    return out


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path):
    return run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)


def _contents_changed(data: bytes, at: int) -> bytes:
    """The file with one hex digit of its first signature's CMS data (/Contents) changed."""
    found = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    assert found is not None
    where = found.start(1) + at
    digit = b"1" if data[where : where + 1] == b"0" else b"0"
    return data[:where] + digit + data[where + 1 :]


def _serial_at(data: bytes) -> int:
    """Where the signer's certificate serial number first appears in the /Contents hex digits."""
    serial = format(
        PdfFileReader(io.BytesIO(data)).embedded_signatures[0].signer_cert.serial_number, "x"
    )
    serial = serial.rjust(len(serial) + len(serial) % 2, "0")
    found = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    assert found is not None
    return found.group(1).decode().lower().index(serial) + 4


def test_a_signature_whose_cms_bytes_changed_is_said_broken_not_an_unreadable_pdf(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    assert (
        _sign(run_cli, built / BGM / "van-ban" / "01-to-trinh.pdf", signed, keys.signer_p12).code
        == 0
    )
    data = signed.read_bytes()
    # A digit of the CMS header (pyHanko cannot parse it), one of the certificate's serial number
    # (pyHanko parses it, then fails inside its validation).
    for name, at in (("dau.pdf", 2), ("so-hieu.pdf", _serial_at(data))):
        changed = tmp_path / name
        changed.write_bytes(_contents_changed(data, at))
        done = run_cli("verify", changed)
        assert done.code == 1 and "Traceback" not in done.err, done.err
        assert done.out.startswith(f"✗ {changed}: {BROKEN}\n"), done.out


def test_signed_add_says_a_picture_is_not_a_pdf(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    out = tmp_path / "output"
    shutil.copytree(built, out)
    picture, renamed = tmp_path / "chu-ky.png", tmp_path / "to-trinh.pdf"
    shutil.copy(keys.signature_png, picture)
    shutil.copy(keys.signature_png, renamed)
    done = run_cli("signed", "add", out, picture, renamed)
    assert done.code == 1
    for path in (picture, renamed):
        assert (
            f"✗ {path}: từ chối, không phải tệp PDF (đây là ảnh PNG); hãy nhận tệp PDF đã ký số."
            in done.out
        ), done.out


def test_sign_never_changes_the_file_it_signs_nor_writes_over_a_signed_file(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    assert (
        _sign(run_cli, built / BGM / "van-ban" / "01-to-trinh.pdf", signed, keys.signer_p12).code
        == 0
    )
    before = signed.read_bytes()
    same = _sign(run_cli, signed, signed, keys.unit_p12, "--role", "co-quan")
    assert same.code == 1 and same.err.strip() == (
        f"Lỗi: {signed}: tệp ký xong (-o {signed}) chính là tệp cần ký; hoso không sửa tệp cần "
        "ký (có thể là bản đã ký): hãy đặt tên khác cho tệp ký xong bằng -o TỆP."
    )
    # Another signing written over a signed file would lose it just the same.
    again = _sign(run_cli, built / BGM / "van-ban" / "01-to-trinh.pdf", signed, keys.unit_p12)
    assert again.code == 1 and again.err.strip() == (
        f"Lỗi: {signed} đã có và đã ký số (1 chữ ký): hoso không ghi đè bản đã ký; hãy đặt tên "
        "khác cho tệp ký xong bằng -o TỆP."
    )
    assert signed.read_bytes() == before
    assert list(tmp_path.iterdir()) == [signed]
