"""An office signing on its own machine with a USB token (SoftHSM2 here), as things go wrong:
several tokens plugged in, a PIN on its last try or locked, a certificate without its key, a
renewed certificate beside the expired one under the same label, an output that cannot be written,
a file signed already, a PDF without a signature block. Each is said in Vietnamese, with what to
do, and nothing is written; the token is not asked for its PIN when the problem is elsewhere."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from tests import pki
from tests.pki import SIGNER, UNIT, Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"
MODULE = ("--pkcs11", pki.SOFTHSM_MODULE)


@pytest.fixture(scope="module")
def to_trinh(bgm_output: Path) -> Path:
    """The example's Tờ trình, built with real LibreOffice (this module's copy)."""
    return bgm_output / BGM / "van-ban" / "01-to-trinh.pdf"


def _hoso(config: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`hoso ARGS…` in another process, which reads this SoftHSM2 configuration."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    command = [sys.executable, "-m", "pipeline.cli", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def _serial(config: Path) -> str:
    """The serial number of the configuration's only token, as softhsm2-util shows it."""
    env = {**os.environ, "SOFTHSM2_CONF": str(config)}
    shown = subprocess.run(
        ["softhsm2-util", "--show-slots"], capture_output=True, text=True, env=env, check=True
    ).stdout
    return re.findall(r"Serial number:\s*(\S+)", shown)[0]


def test_several_tokens_plugged_in_are_listed_and_one_is_chosen_by_label_or_serial(
    to_trinh: Path, tmp_path: Path
) -> None:
    ca = pki.make_ca()
    config = pki.softhsm_token(tmp_path / "t", pki.issue(ca, SIGNER, UNIT), "giam-doc", "123456")
    pki.add_token(config, "van-thu", "654321", pki.issue(ca, UNIT, UNIT))
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE)

    # The director's PIN is not typed into the office's token: no token is chosen for them.
    done = _hoso(config, *sign, "--pin", "123456")
    assert done.returncode == 1 and not target.exists()
    message = done.stderr.strip()
    assert message.startswith("Lỗi: Đang cắm 2 token: ")
    assert "“giam-doc”" in message and "“van-thu”" in message
    assert message.endswith(
        "Hãy chọn token để ký bằng --token NHÃN (hoặc rút các token khác ra): hoso không thử mã "
        "PIN trên token của người khác."
    )
    done = _hoso(config, *sign, "--pin", "654321", "--token", "van-thu", "--role", "co-quan")
    assert done.returncode == 0, done.stderr
    assert f"✓ Đã ký {target}: {UNIT}, lúc " in done.stdout

    # Two tokens of one brand, labelled alike: told apart by their serial numbers.
    alone = pki.softhsm_token(tmp_path / "u", pki.issue(ca, SIGNER, UNIT), "VNPT-CA", "123456")
    first = _serial(alone)
    pki.add_token(alone, "VNPT-CA", "111111")
    twin = tmp_path / "twin.pdf"
    done = _hoso(alone, "sign", to_trinh, "-o", twin, *MODULE, "--pin", "123456")
    assert done.returncode == 1 and f"“VNPT-CA” (số sê-ri {first})" in done.stderr
    done = _hoso(alone, "sign", to_trinh, "-o", twin, *MODULE, "--pin", "1", "--token", "VNPT-CA")
    assert done.stderr.startswith("Lỗi: Đang cắm 2 token cùng nhãn “VNPT-CA”: ")
    assert "Hãy chọn một bằng số sê-ri: --token SỐ_SÊ_RI." in done.stderr
    chosen = ("--token", first, "--pin", "123456")
    done = _hoso(alone, "sign", to_trinh, "-o", twin, *MODULE, *chosen)
    assert done.returncode == 0, done.stderr


def test_a_pin_on_its_last_try_is_said_and_a_locked_token_is_not_tried(
    to_trinh: Path, tmp_path: Path
) -> None:
    config = pki.softhsm_token(tmp_path / "t", pki.issue(pki.make_ca(), SIGNER, UNIT), "ca", "1234")
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE)
    pki.set_token_flag(config, pki.USER_PIN_FINAL_TRY)

    done = _hoso(config, *sign, "--pin", "9999")
    assert done.returncode == 1 and done.stderr.strip() == (
        "Lỗi: Không mở được token “ca”: sai mã PIN. Token báo CHỈ CÒN MỘT LẦN nhập: nhập sai "
        "lần nữa thì token bị khóa. Hãy tìm đúng mã PIN (hỏi người giữ token) trước khi thử lại."
    )
    pki.set_token_flag(config, pki.USER_PIN_LOCKED)
    # Even the right PIN is not typed into a token that says it is locked.
    done = _hoso(config, *sign, "--pin", "1234")
    assert done.returncode == 1 and done.stderr.strip() == (
        "Lỗi: Token “ca” đã bị khóa vì nhập sai mã PIN quá số lần cho phép: hoso không thử mã "
        "PIN nữa. Hãy mở khóa bằng phần mềm của nhà cung cấp token (cần mã PUK hay mã PIN quản "
        "trị, SO PIN), hoặc mang token tới nhà cung cấp."
    )
    assert not target.exists()


def test_a_certificate_without_its_private_key_and_a_key_without_its_certificate_are_named(
    to_trinh: Path, tmp_path: Path
) -> None:
    ca = pki.make_ca()
    config = pki.softhsm_token(tmp_path / "t", pki.issue(ca, SIGNER, UNIT), "chu-ky", "1234")
    pki.add_certificate(config, "chu-ky", "1234", pki.issue(ca, UNIT, UNIT), "dau-co-quan", 2)
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE, "--pin", "1234")

    done = _hoso(config, *sign, "--role", "co-quan", "--key-label", "dau-co-quan")

    assert done.returncode == 1 and done.stderr.strip() == (
        f"Lỗi: Token có chứng thư số “dau-co-quan” ({UNIT}) nhưng không có khóa bí mật đi kèm, "
        "nên không ký được bằng chứng thư đó. Có thể khóa nằm trên token khác (cắm đúng token, "
        "--token), hoặc chứng thư được nạp vào token mà không kèm khóa; hãy liên hệ nhà cung cấp "
        "token."
    )
    assert not target.exists()
    # A second token holding a key whose certificate was never put on it.
    pki.add_token(config, "chi-khoa", "1234")
    pki.add_key(config, "chi-khoa", "1234", pki.issue(ca, UNIT, UNIT), "khoa", 1, certificate=False)
    done = _hoso(config, *sign, "--token", "chi-khoa")
    assert done.returncode == 1 and done.stderr.strip() == (
        "Lỗi: Token có khóa bí mật “khoa” nhưng không có chứng thư số đi kèm (chứng thư chưa được "
        "nạp vào token, hay đã bị xóa), nên không ký được; hãy liên hệ nhà cung cấp token để "
        "nạp lại chứng thư số."
    )
    # The token's one key with its certificate signs, as if the other were not there.
    done = _hoso(config, *sign, "--token", "chu-ky")
    assert done.returncode == 0 and f"✓ Đã ký {target}: {SIGNER}, lúc " in done.stdout


def test_a_renewed_certificate_beside_the_expired_one_is_chosen_by_its_id(
    to_trinh: Path, tmp_path: Path
) -> None:
    ca = pki.make_ca()
    now = datetime.datetime.now(datetime.UTC)
    old = pki.issue(ca, SIGNER, UNIT, (now - datetime.timedelta(days=400), now - 30 * _DAY))
    config = pki.softhsm_token(tmp_path / "t", old, "Ha Kim Yen", "1234")
    pki.add_key(config, "Ha Kim Yen", "1234", pki.issue(ca, SIGNER, UNIT), "Ha Kim Yen", 2)
    target = tmp_path / "da-ky.pdf"
    sign = ("sign", to_trinh, "-o", target, *MODULE, "--pin", "1234")

    done = _hoso(config, *sign)

    assert done.returncode == 1 and not target.exists()
    gone = (now - 30 * _DAY).astimezone(_VIETNAM).strftime("%d/%m/%Y")
    assert done.stderr.startswith(
        f"Lỗi: Token có 2 chứng thư số: “Ha Kim Yen” ({SIGNER}, mã 01, đã hết hạn ngày {gone}); "
        f"“Ha Kim Yen” ({SIGNER}, mã 02, hiệu lực đến "
    )
    assert done.stderr.strip().endswith(
        "Hãy chọn một bằng --key-label NHÃN (hai chứng thư cùng nhãn thì ghi mã thay nhãn, ví dụ "
        "--key-label 01)."
    )
    done = _hoso(config, *sign, "--key-label", "02")
    assert done.returncode == 0 and f"✓ Đã ký {target}: {SIGNER}, lúc " in done.stdout


_DAY = datetime.timedelta(days=1)
_VIETNAM = datetime.timezone(datetime.timedelta(hours=7))


def test_an_output_that_cannot_be_written_is_said_before_the_pin_is_tried(
    run_cli, keys: Keys, to_trinh: Path, tmp_path: Path
) -> None:
    # A wrong PIN: what is said is the output's problem, so the token was not asked.
    wrong = (*MODULE, "--pin", "000000")
    missing = tmp_path / "Tai-ve" / "to-trinh-da-ky.pdf"
    done = run_cli("sign", to_trinh, "-o", missing, *wrong)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: Thư mục {missing.parent} của tệp ký xong (-o {missing}) không có: hãy tạo thư mục "
        "đó trước, hoặc chọn -o trong một thư mục đã có. Văn bản chưa ký, không ghi tệp nào."
    )
    assert not missing.parent.exists()
    done = run_cli("sign", to_trinh, "-o", tmp_path, *wrong)
    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: -o {tmp_path} là thư mục; hãy ghi tên tệp ký xong trong thư mục đó, ví dụ -o "
        f"{tmp_path / 'TEN-TEP-da-ky.pdf'}."
    )
    done = run_cli("sign", to_trinh, "-o", to_trinh, *wrong)
    assert done.code == 1 and "chính là tệp cần ký" in done.err
    # Nor is the PIN asked for (here: said missing, as no terminal can be asked) before that.
    done = run_cli("sign", to_trinh, "-o", missing, *MODULE)
    assert done.code == 1 and done.err.startswith(f"Lỗi: Thư mục {missing.parent} của tệp ký xong")
    assert list(tmp_path.iterdir()) == []


def test_a_file_signed_already_by_the_same_person_is_said_signed(
    run_cli, keys: Keys, to_trinh: Path, tmp_path: Path
) -> None:
    signed = tmp_path / "da-ky.pdf"
    assert run_cli("sign", to_trinh, "-o", signed, *MODULE, "--pin", "123456").code == 0

    done = run_cli("sign", signed, "-o", tmp_path / "lan-2.pdf", *MODULE, "--pin", "123456")

    assert done.code == 1 and done.err.strip() == (
        f"Lỗi: {signed} đã có chữ ký của chính {SIGNER} ở ô này (ô chữ ký của người ký): tệp này "
        "là bản đã ký, không cần ký lại. Muốn ký lại (ví dụ đổi ảnh chữ ký), hãy ký vào bản gốc "
        "chưa ký của văn bản."
    )
    assert not (tmp_path / "lan-2.pdf").exists()


def test_a_pdf_without_a_signature_block_is_refused_saying_what_hoso_signs(
    run_cli, keys: Keys, tmp_path: Path
) -> None:
    letter = tmp_path / "thu-moi.pdf"
    page = canvas.Canvas(str(letter))
    for row in range(30):
        page.drawString(70, 780 - 20 * row, f"Thu moi hop, dong {row}")
    page.drawRightString(540, 60, "Trang 1/1")
    page.save()

    done = run_cli("sign", letter, "-o", tmp_path / "ky.pdf", *MODULE, "--pin", "123456")

    assert done.code == 1 and done.err.strip().endswith(
        "văn bản này không ký bằng hoso sign được: hoso sign ký vào khối chữ ký theo Nghị định "
        "30/2020/NĐ-CP (dòng chức vụ, chỗ trống để ký, rồi họ tên người ký ở cột phải), như văn "
        "bản hoso tạo; văn bản khác hãy ký bằng công cụ ký số của cơ quan."
    )
    assert not (tmp_path / "ky.pdf").exists()


def test_a_token_library_that_loads_but_does_not_start_is_not_called_a_wrong_file(
    to_trinh: Path, tmp_path: Path
) -> None:
    """SoftHSM2 without its configuration file, as a vendor's library whose service is not
    running: the library is the right one, its own software is missing a part."""
    target = tmp_path / "da-ky.pdf"
    done = _hoso(tmp_path / "khong-co.conf", "sign", to_trinh, "-o", target, *MODULE, "--pin", "1")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == (
        f"Lỗi: Thư viện PKCS#11 {pki.SOFTHSM_MODULE} đã nạp được nhưng không khởi động được (mã "
        "lỗi PKCS#11: GeneralError): phần mềm của token chưa được cài đủ, dịch vụ của nó chưa "
        "chạy hoặc tệp cấu hình của nó bị thiếu. Hãy cài lại bộ cài của nhà cung cấp token (hoặc "
        "khởi động lại máy), cắm lại token rồi thử lại."
    )
    assert not target.exists()
