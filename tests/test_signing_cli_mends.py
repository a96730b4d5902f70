"""Signing mends a new user asked for: the password or PIN asked for in a terminal (and said how
to give it elsewhere), the signature of a report signed with another person's certificate in its
own box, Vietnamese names of the signature fields, one list of trust-folder files, token libraries
of every system."""

from __future__ import annotations

import io
import os
import pty
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.inputs.plans import get_plan
from pipeline.period.scaffold import init_period
from tests import pki
from tests.pdf_words import words
from tests.pki import SIGNER, UNIT, Keys
from tests.test_signing import _signature_rects

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


@pytest.fixture(scope="module")
def built(bgm_output: Path) -> Path:
    """Bù Gia Mập's example built with real LibreOffice (this module's copy)."""
    return bgm_output / BGM


class Terminal(io.BytesIO):
    """What a user types, read from a terminal."""

    def isatty(self) -> bool:
        """A terminal."""
        return True


def test_a_password_not_given_is_asked_for_in_a_terminal(
    keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSO_PASSWORD", raising=False)
    signed = tmp_path / "da-ky.pdf"
    source = built / "van-ban" / "01-to-trinh.pdf"
    args = ["sign", str(source), "-o", str(signed), "--p12", str(keys.signer_p12)]
    done = CliRunner().invoke(cli, args, input=Terminal(f"{pki.PASSWORD}\n".encode()))
    assert done.exit_code == 0, done.output
    assert f"Mật khẩu tệp khóa {keys.signer_p12.name}: " in done.output
    assert pki.PASSWORD not in done.output  # typed hidden
    assert f"✓ Đã ký {signed}: {SIGNER}" in done.output


def test_a_pin_not_given_is_asked_for_in_a_terminal(
    keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSO_PIN", raising=False)
    signed = tmp_path / "da-ky.pdf"
    source = built / "van-ban" / "01-to-trinh.pdf"
    args = ["sign", str(source), "-o", str(signed), "--pkcs11", str(pki.SOFTHSM_MODULE)]
    args += ["--token", "hoso-token", "--key-label", "hoso-token"]
    done = CliRunner().invoke(cli, args, input=Terminal(b"123456\n"))
    assert done.exit_code == 0, done.output
    assert "Mã PIN của token hoso-token: " in done.output and "123456" not in done.output
    assert f"✓ Đã ký {signed}: {SIGNER}" in done.output


def _in_terminal(pin: bytes, *args: str | Path, softhsm: Path | None = None) -> tuple[int, str]:
    """`hoso ARGS…` run in a terminal of its own (a pseudo-terminal, where a PIN is read
    hidden), `pin` typed when it asks for one: its exit code and all the terminal showed.
    `softhsm`: the SoftHSM2 configuration it reads, else the session's."""
    env = {**os.environ, **({"SOFTHSM2_CONF": str(softhsm)} if softhsm else {})}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: hoso itself, the terminal its own
        os.execve(sys.executable, [sys.executable, "-m", "pipeline.cli", *map(str, args)], env)
    shown, typed = b"", False
    while True:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # EIO: hoso ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        # Typed once asked, as a person does: typing ahead is flushed by the hidden prompt.
        if not typed and shown.rstrip().endswith(b":") and "Mã PIN".encode() in shown:
            os.write(terminal, pin)
            typed = True
    os.close(terminal)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_a_wrong_token_or_library_is_said_before_the_pin_is_asked_for(
    keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSO_PIN", raising=False)  # the child reads the SoftHSM2 token's conf
    signed = tmp_path / "da-ky.pdf"
    sign = ("sign", built / "van-ban" / "01-to-trinh.pdf", "-o", signed, "--pkcs11")
    code, shown = _in_terminal(b"123456\n", *sign, pki.SOFTHSM_MODULE, "--token", "VNPT-CA")
    assert code == 1
    assert "Lỗi: Không thấy token “VNPT-CA”; token đang cắm: “hoso-token”." in shown
    assert "Mã PIN" not in shown  # the clerk was not asked to type it for nothing
    missing = tmp_path / "khong-co.so"
    code, shown = _in_terminal(b"123456\n", *sign, missing)
    assert code == 1 and "Mã PIN" not in shown
    assert f"Lỗi: Không có thư viện PKCS#11 {missing}" in shown
    # The prompt names the token found, though --token was not given.
    code, shown = _in_terminal(b"000000\n", *sign, pki.SOFTHSM_MODULE)
    assert code == 1 and "Mã PIN của token hoso-token: " in shown
    assert "Lỗi: Không mở được token “hoso-token”: sai mã PIN." in shown
    assert not signed.exists()


def test_a_locked_token_is_said_before_the_pin_is_asked_for(
    keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSO_PIN", raising=False)
    config = pki.softhsm_token(tmp_path / "t", pki.issue(pki.make_ca(), SIGNER, UNIT), "ca", "1234")
    pki.set_token_flag(config, pki.USER_PIN_LOCKED)
    signed = tmp_path / "da-ky.pdf"
    source = built / "van-ban" / "01-to-trinh.pdf"
    sign = ("sign", source, "-o", signed, "--pkcs11", pki.SOFTHSM_MODULE)
    code, shown = _in_terminal(b"1234\n", *sign, softhsm=config)
    assert code == 1 and "Mã PIN của token" not in shown
    assert "Lỗi: Token “ca” đã bị khóa vì nhập sai mã PIN quá số lần cho phép" in shown
    assert not signed.exists()


def test_without_a_terminal_the_password_and_pin_needed_are_said_with_how_to_give_them(
    run_cli, keys: Keys, built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSO_PASSWORD", raising=False)
    monkeypatch.delenv("HOSO_PIN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a pipe, a script, a scheduled task
    source = built / "van-ban" / "01-to-trinh.pdf"
    done = run_cli("sign", source, "-o", tmp_path / "a.pdf", "--p12", keys.signer_p12)
    assert done.code == 1 and "sai mật khẩu" not in done.err
    assert (
        f"Tệp khóa {keys.signer_p12} có mật khẩu: hãy cho bằng --password MẬT_KHẨU hoặc biến "
        "môi trường HOSO_PASSWORD" in done.err
    )
    token = ("--pkcs11", pki.SOFTHSM_MODULE, "--key-label", "hoso-token")
    done = run_cli("sign", source, "-o", tmp_path / "b.pdf", *token)
    assert done.code == 1
    assert "cần mã PIN của token: hãy cho bằng --pin PIN hoặc biến môi trường HOSO_PIN" in done.err
    assert not (tmp_path / "a.pdf").exists() and not (tmp_path / "b.pdf").exists()


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path):
    return run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)


def _individual_report(built: Path) -> Path:
    """The Báo cáo thành tích of Hà Thị Lan (cá nhân): its confirmation is centred below."""
    [report] = (built / "van-ban" / "bao-cao").glob("*-ha-thi-lan.pdf")
    return report


def test_a_report_signed_with_another_persons_certificate_is_signed_in_its_signers_box(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    report = _individual_report(built)
    ca = pki.make_ca()
    own_p12 = pki.write_pkcs12(pki.issue(ca, "Hà Thị Lan", pki.UNIT), ca, tmp_path / "lan.p12")
    own, other = tmp_path / "cua-lan.pdf", tmp_path / "cua-yen.pdf"
    assert _sign(run_cli, report, own, own_p12).code == 0
    done = _sign(run_cli, report, other, keys.signer_p12)
    assert done.code == 0, done.out + done.err
    assert "khác họ tên in ở khối chữ ký “Hà Thị Lan”" in done.out
    assert "(Ký" not in done.out
    # The same box as with the reporter's own certificate: above her name, not over a heading.
    assert _signature_rects(other)["ChuKyNguoiKy"] == _signature_rects(own)["ChuKyNguoiKy"]
    page, (left, bottom, _, _) = _signature_rects(other)["ChuKyNguoiKy"]
    name = next(w for w in words(other, page) if w.text == "Lan")
    assert name.high < bottom and left < name.left


def test_an_individual_reports_confirmation_is_signed_under_its_centred_heading(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    confirmed = tmp_path / "xac-nhan.pdf"
    done = _sign(
        run_cli, _individual_report(built), confirmed, keys.signer_p12, "--role", "xac-nhan"
    )
    assert done.code == 0, done.out + done.err
    page, (left, bottom, right, top) = _signature_rects(confirmed)["ChuKyXacNhan"]
    printed = words(confirmed, page)
    heading = [w for w in printed if w.text == "XÁC"][-1]  # XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG
    sign_here = [w for w in printed if w.text == "(Ký,"][-1]  # its "(Ký, đóng dấu)"
    assert sign_here.low < heading.low and bottom < top <= sign_here.low
    assert left < sign_here.left < sign_here.right < right


def test_signature_fields_are_named_in_vietnamese_and_keep_their_names_in_the_pdf(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    once, twice = tmp_path / "mot-lan.pdf", tmp_path / "hai-lan.pdf"
    done = _sign(run_cli, built / "van-ban" / "01-to-trinh.pdf", once, keys.signer_p12)
    assert done.code == 0 and done.out.rstrip().endswith("(ô chữ ký của người ký).")
    assert "ChuKyNguoiKy" in _signature_rects(once)  # the field's own name, for other tools
    refused = _sign(run_cli, once, twice, keys.signer_p12)
    assert refused.code == 1 and "ở ô này (ô chữ ký của người ký)" in refused.err
    attached = tmp_path / "danh-sach.pdf"
    source = built / "van-ban" / "02-danh-sach.pdf"
    done = _sign(run_cli, source, attached, keys.unit_p12, "--role", "dinh-kem")
    assert done.code == 0 and "(ô chữ ký của cơ quan trên văn bản kèm theo)." in done.out
    assert "ChuKy" not in done.out + refused.err


TRUST_FILES = "chứng thư gốc (CA) .pem, .crt, .cer, .der và danh sách thu hồi (CRL) .crl"


def test_the_trust_folders_files_are_listed_alike_everywhere(run_cli, tmp_path: Path) -> None:
    for command in (("verify",), ("package",), ("signed", "add")):
        shown = " ".join(run_cli(*command, "--help").out.split())
        assert f"Thư mục tin cậy của cơ quan: {TRUST_FILES}." in shown, command
    init_period(tmp_path / "dot", get_plan(BGM), None, example=False)
    written = (tmp_path / "dot" / "dot-xet.toml").read_text(encoding="utf-8")
    assert " ".join(line.lstrip("# ") for line in written.splitlines()).count(TRUST_FILES) == 1
    (tmp_path / "tin-cay").mkdir()
    (tmp_path / "tin-cay" / "ghi-chu.txt").write_text("không phải chứng thư")
    done = run_cli("verify", "--trust", tmp_path / "tin-cay", tmp_path / "x.pdf")
    assert done.code == 1 and f"thư mục tin cậy chứa {TRUST_FILES}." in done.err
    readme = Path(__file__).parents[1].joinpath("README.md").read_text(encoding="utf-8")
    section = readme.split("## Ký số, nhận lại tệp đã ký", 1)[1].split("\n## ", 1)[0]
    listed = (
        "các tệp chứng thư gốc (CA) `.pem`, `.crt`, `.cer`, `.der` của CA mình tin và danh sách "
        "thu hồi (CRL) `.crl`"
    )
    assert listed in " ".join(section.split())


@pytest.mark.skipif(sys.platform != "linux", reason="the messages name Linux and its .so files")
def test_a_token_library_for_another_system_is_refused_in_words(
    run_cli, built: Path, tmp_path: Path
) -> None:
    shown = " ".join(run_cli("sign", "--help").out.split())
    assert "(tệp .so trên Linux, .dll trên Windows, .dylib trên macOS)" in shown
    windows, text = tmp_path / "thu-vien-token.dll", tmp_path / "ghi-chu.txt"
    windows.write_bytes(b"MZ\x90\x00 a Windows library")
    text.write_text("không phải thư viện")
    source = built / "van-ban" / "01-to-trinh.pdf"
    token = ("--key-label", "hoso-token", "--pin", "123456")
    errors = []
    for library in (windows, text):
        done = run_cli("sign", source, "-o", tmp_path / "x.pdf", "--pkcs11", library, *token)
        assert done.code == 1 and "Traceback" not in done.err and "mã PIN" not in done.err
        assert f"Lỗi: Không nạp được thư viện PKCS#11 {library}: " in done.err
        errors.append(done.err)
    assert (
        "tệp .dll là thư viện cho Windows, không dùng được trên Linux: hãy dùng tệp .so"
        in (errors[0])
    )
    assert "không phải thư viện PKCS#11 dùng được trên Linux" in errors[1]
    assert not (tmp_path / "x.pdf").exists()


def test_a_name_given_for_a_box_that_prints_none_is_refused_not_dropped(
    run_cli, keys: Keys, built: Path, tmp_path: Path
) -> None:
    target = tmp_path / "xac-nhan.pdf"
    done = _sign(
        run_cli, _individual_report(built), target, keys.signer_p12,
        "--role", "xac-nhan", "--name", "Nguyễn Văn A",
    )  # fmt: skip
    assert done.code == 1 and "Traceback" not in done.err
    assert (
        "--name chỉ dùng với --role nguoi-ky hoặc co-quan (ký ở họ tên in dưới khối chữ ký); ô "
        "của vai trò xac-nhan không in họ tên: hãy bỏ --name."
    ) in done.err
    assert not target.exists()
