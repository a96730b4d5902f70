"""A USB token as a clerk has it (SoftHSM2 here): its only key signs without naming it, and a
wrong token label, key label or PIN, a token with several keys, or no token plugged in are said
with what there is on the machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pki
from tests.pki import SIGNER, UNIT, Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
MODULE = ("--pkcs11", pki.SOFTHSM_MODULE)
DAY = r"\d\d/\d\d/\d{4}"


@pytest.fixture(scope="module")
def to_trinh(bgm_output: Path) -> Path:
    """The example's Tờ trình, built with real LibreOffice (this module's copy)."""
    return bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"


def test_a_tokens_only_key_signs_without_its_label(
    run_cli, keys: Keys, to_trinh: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    done = run_cli("sign", to_trinh, "-o", signed, *MODULE, "--pin", "123456")
    assert done.code == 0, done.out + done.err
    assert f"✓ Đã ký {signed}: {SIGNER}, lúc " in done.out
    assert run_cli("verify", "--trust", keys.trust, signed).code == 0


def test_a_wrong_token_key_label_or_pin_is_said_with_what_the_token_holds(
    run_cli, keys: Keys, to_trinh: Path, tmp_path: Path
) -> None:
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE)
    done = run_cli(*sign, "--pin", "123456", "--key-label", "chu-ky-cu")
    assert done.code == 1 and re.fullmatch(
        "Lỗi: Token không có khóa và chứng thư số mang nhãn “chu-ky-cu”; nhãn trên token: "
        f"“hoso-token” \\({SIGNER}, mã 01, hiệu lực đến {DAY}\\)\\. Hãy ghi đúng một nhãn đó "
        "sau --key-label \\(hoặc bỏ --key-label khi token chỉ có một chứng thư số\\)\\.",
        done.err.strip(),
    )
    done = run_cli(*sign, "--pin", "123456", "--token", "VNPT-CA")
    assert done.code == 1 and done.err.strip() == (
        "Lỗi: Không thấy token “VNPT-CA”; token đang cắm: “hoso-token”. Hãy ghi đúng nhãn đó "
        "sau --token (hoặc bỏ --token khi chỉ cắm một token)."
    )
    done = run_cli(*sign, "--pin", "000000")
    assert done.code == 1 and "Không mở được token “hoso-token”: sai mã PIN." in done.err
    assert not target.exists()


def _token_with_two_keys(root: Path) -> Path:
    """A SoftHSM2 token “hai-khoa” holding the signer's key and the unit's; its config file."""
    ca = pki.make_ca()
    config = pki.softhsm_token(root, pki.issue(ca, SIGNER, UNIT), "hai-khoa", "123456")
    pki.add_key(config, "hai-khoa", "123456", pki.issue(ca, UNIT, UNIT), "dau-co-quan", 2)
    return config


def _hoso(config: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`hoso ARGS…` in another process, which reads this SoftHSM2 configuration."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_a_token_with_two_keys_asks_which_and_signs_with_the_one_named(
    to_trinh: Path, tmp_path: Path
) -> None:
    config = _token_with_two_keys(tmp_path / "token")
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE, "--pin", "123456")
    done = _hoso(config, *sign)
    assert done.returncode == 1 and re.fullmatch(
        f"Lỗi: Token có 2 chứng thư số: “hai-khoa” \\({SIGNER}, mã 01, hiệu lực đến {DAY}\\); "
        f"“dau-co-quan” \\({UNIT}, mã 02, hiệu lực đến {DAY}\\)\\. Hãy chọn một bằng "
        "--key-label NHÃN\\.",
        done.stderr.strip(),
    )
    assert not target.exists()
    done = _hoso(config, *sign, "--role", "co-quan", "--key-label", "dau-co-quan")
    assert done.returncode == 0, done.stderr
    assert f"✓ Đã ký {target}: {UNIT}, lúc " in done.stdout


def test_no_token_plugged_in_is_said_so(to_trinh: Path, tmp_path: Path) -> None:
    empty = tmp_path / "tokens"
    empty.mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(f"directories.tokendir = {empty}\nobjectstore.backend = file\n")
    done = _hoso(config, "sign", to_trinh, "-o", tmp_path / "x.pdf", *MODULE, "--pin", "1234")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(
        f"Lỗi: Không thấy token nào (thư viện {pki.SOFTHSM_MODULE}): hãy cắm token USB, chờ đèn "
        "token sáng rồi ký lại;"
    )


@pytest.mark.skipif(sys.platform != "linux", reason="the message names Linux's .so files")
def test_a_32_bit_token_library_is_said_to_be_the_wrong_build(
    run_cli, to_trinh: Path, tmp_path: Path
) -> None:
    # An ELF header of class 32 (what the vendor's 32-bit build starts with), then nothing.
    library = tmp_path / "libthu-vien-token.so"
    library.write_bytes(b"\x7fELF\x01\x01\x01" + bytes(57))
    done = run_cli("sign", to_trinh, "-o", tmp_path / "x.pdf", "--pkcs11", library, "--pin", "1")
    assert done.code == 1 and "Traceback" not in done.err
    assert done.err.strip() == (
        f"Lỗi: Không nạp được thư viện PKCS#11 {library}: tệp này là bản 32-bit, hoso chạy bản "
        "64-bit: hãy dùng tệp .so bản 64-bit của token (bộ cài của nhà cung cấp token thường có "
        "cả hai bản)."
    )
