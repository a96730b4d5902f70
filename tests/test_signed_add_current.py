"""`hoso signed add OUT FILES…` when two batch folders under OUT have the same document: a signed
file goes to the folder whose build is in use (the old folder of a renamed workbook never wins,
whatever the folders' order), and a file that could be either of two builds in use is refused,
naming both and how to take it into one."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
TO_TRINH = Path("van-ban") / "01-to-trinh.pdf"


def _sign(run_cli, keys: Keys, source: Path, target: Path) -> Path:
    done = run_cli(
        "sign", source, "-o", target, "--p12", keys.signer_p12, "--password", pki.PASSWORD
    )
    assert done.code == 0, done.out + done.err
    return target


def _rewritten_then_signed(run_cli, keys: Keys, source: Path, target: Path) -> Path:
    """The PDF written anew by the office's signing tool (other bytes, the same text), signed."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.add_metadata({"/Producer": "Công cụ ký số"})
    buffer = io.BytesIO()
    writer.write(buffer)
    plain = target.with_name(f"{target.stem}-chua-ky.pdf")
    plain.write_bytes(buffer.getvalue())
    return _sign(run_cli, keys, plain, target)


def test_a_signed_file_goes_to_the_folder_built_since_not_the_renamed_workbooks_old_one(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    out, incoming = tmp_path / "out", tmp_path / "nhan-ve"
    incoming.mkdir()
    workbook = example(BGM, "a-cu.xlsx")  # its folder sorts before the new one
    assert run_cli("build", workbook, "-o", out).code == 0
    built = run_cli("build", workbook.rename(tmp_path / "de-nghi.xlsx"), "-o", out)
    assert built.code == 0, built.out + built.err
    old, new = out / "a-cu", out / "de-nghi"
    rewritten = _rewritten_then_signed(run_cli, keys, new / TO_TRINH, incoming / "to-trinh.pdf")

    taken = run_cli("signed", "add", out, rewritten)

    assert taken.code == 0, taken.out + taken.err
    assert f"✓ {rewritten} → de-nghi/da-ky/van-ban/01-to-trinh.pdf: “Tờ trình”" in taken.out
    assert "(công cụ ký đã ghi lại cả tệp; nội dung chữ đúng bản gốc)" in taken.out
    assert (new / "da-ky" / TO_TRINH).read_bytes() == rewritten.read_bytes()
    assert not (old / "da-ky").exists()
    assert "⚠" not in taken.out  # nothing went into the old folder
    # Signed from the old folder's very PDF, the Tờ trình still belongs to the build in use.
    from_old = _sign(run_cli, keys, old / TO_TRINH, incoming / "tu-thu-muc-cu.pdf")
    again = run_cli("signed", "add", out, from_old)
    assert again.code == 0, again.out + again.err
    assert f"✓ {from_old} → de-nghi/da-ky/van-ban/01-to-trinh.pdf" in again.out
    assert not (old / "da-ky").exists()


def test_a_signed_file_of_two_builds_in_use_is_refused_naming_both(
    run_cli, keys: Keys, example, tmp_path: Path
) -> None:
    out, incoming = tmp_path / "out", tmp_path / "nhan-ve"
    incoming.mkdir()
    first = example(BGM, "de-nghi.xlsx")
    second = shutil.copy(first, tmp_path / "de-nghi-ban-sao.xlsx")
    built = run_cli("build", first, second, "-o", out)
    assert built.code == 0, built.out + built.err
    one, other = out / "de-nghi", out / "de-nghi-ban-sao"
    rewritten = _rewritten_then_signed(run_cli, keys, other / TO_TRINH, incoming / "to-trinh.pdf")

    taken = run_cli("signed", "add", out, rewritten)

    assert taken.code == 1
    assert (
        f"✗ {rewritten}: từ chối, là “Tờ trình” của 2 hồ sơ ({one}, {other}), không rõ hồ sơ nào "
        "đang dùng (mỗi hồ sơ đều được tạo từ một bảng tính vẫn còn ở chỗ cũ); hãy nhận tệp vào "
        f"đúng thư mục hồ sơ, ví dụ hoso signed add {one} {rewritten}."
    ) in taken.out
    assert not (one / "da-ky").exists() and not (other / "da-ky").exists()
    # Named the folder, it is taken there.
    chosen = run_cli("signed", "add", other, rewritten)
    assert chosen.code == 0, chosen.out + chosen.err
    assert (other / "da-ky" / TO_TRINH).read_bytes() == rewritten.read_bytes()
