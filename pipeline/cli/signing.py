"""`hoso sign`, `hoso verify`, `hoso signed add`, `hoso package`: thin layers over pipeline.signing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli import vietnamese_click
from pipeline.cli.signing_texts import (
    package_text,
    signed_add_text,
    signed_text,
    verify_json,
    verify_text,
)
from pipeline.errors import HosoError
from pipeline.signing.appearance import DEFAULT_SEAL_MM
from pipeline.signing.keys import LIBRARY_KINDS, Credentials, Pkcs11, Pkcs12, needs_password
from pipeline.signing.package import write_packages
from pipeline.signing.takeback import add_signed
from pipeline.signing.trust import TRUST_FILES
from pipeline.signing.verify import verify_files

INPUT = click.Path(path_type=Path, readable=False)
# A batch's output folder: a file given in its place is said by click, before the library reads it.
OUT_DIR = click.Path(path_type=Path, readable=False, file_okay=False)
# Each role on one line of the help, in the order a report is signed (the names wrap badly).
ROLES = {
    "nguoi-ky": "người có thẩm quyền ký; người báo cáo thành tích",
    "co-quan": "con dấu của cơ quan, ký sau người ký",
    "dinh-kem": "cơ quan ký văn bản kèm theo (danh sách)",
    "thu-truong-xac-nhan": "thủ trưởng đơn vị xác nhận báo cáo của cá nhân",
    "don-vi-xac-nhan": "con dấu của đơn vị đó, ký sau thủ trưởng",
    "xac-nhan": "cấp trình khen thưởng xác nhận báo cáo thành tích",
    "xac-nhan-co-quan": "con dấu của cấp trình khen thưởng, ký sau",
}
ROLES_HELP = "\n".join(
    [
        "\b",
        "Vai trò (--role VAI_TRÒ):",
        *(f"  {role:<20} {what}" for role, what in ROLES.items()),
        "",
        "\b",
        "Báo cáo thành tích của cá nhân ký theo thứ tự: nguoi-ky, thu-truong-xac-nhan,",
        "don-vi-xac-nhan, rồi xac-nhan, xac-nhan-co-quan; mỗi lần ký ghi ra một tệp",
        "mới (-o TỆP), lần ký sau ký vào tệp của lần ký trước.",
    ]
)
TRUST = click.option(
    "--trust",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="THƯ_MỤC",
    help=f"Thư mục tin cậy của cơ quan: {TRUST_FILES}.",
)


@click.command(cls=vietnamese_click.Command, epilog=ROLES_HELP)
@click.option("--p12", type=INPUT, metavar="TỆP", help="Tệp khóa PKCS#12 (.p12, .pfx).")
@click.option(
    "--password", envvar="HOSO_PASSWORD", metavar="MẬT_KHẨU", help="Mật khẩu của tệp .p12."
)
@click.option(
    "--pkcs11",
    type=INPUT,
    metavar="TỆP_THƯ_VIỆN",
    help=f"Thư viện PKCS#11 của token (tệp {LIBRARY_KINDS}).",
)
@click.option(
    "--token",
    metavar="NHÃN",
    help="Nhãn (hoặc số sê-ri) của token; chỉ cần khi cắm nhiều token.",
)
@click.option(
    "--key-label",
    metavar="NHÃN",
    help="Nhãn (hoặc mã) của khóa và chứng thư số trên token; chỉ cần khi token có nhiều "
    "chứng thư số.",
)
@click.option("--pin", envvar="HOSO_PIN", metavar="PIN", help="Mã PIN của token.")
@click.option(
    "--role",
    type=click.Choice(list(ROLES)),
    default="nguoi-ky",
    show_default=True,
    metavar="VAI_TRÒ",
    help="Ai ký, ở ô nào (các vai trò: xem bên dưới).",
)
@click.option(
    "--image", type=INPUT, metavar="TỆP_ẢNH", help="Ảnh chữ ký (người ký) hoặc ảnh con dấu (PNG)."
)
@click.option(
    "--seal-size",
    type=vietnamese_click.FloatRange(min=10, max=80),
    # A string default so that the help shows it as a Vietnamese reader writes numbers.
    default=vietnamese_click.number(DEFAULT_SEAL_MM),
    show_default=True,
    metavar="MM",
    help="Đường kính thật của con dấu (mm).",
)
@click.option(
    "--name", metavar="HỌ_TÊN", help="Họ tên in ở khối chữ ký (mặc định: theo chứng thư)."
)
@click.option(
    "--tsa",
    metavar="URL",
    help="Xin dấu thời gian (RFC 3161) của nơi cấp dấu thời gian ở địa chỉ này, để thời gian ký "
    "được xác nhận chứ không chỉ là giờ của máy này (cần mạng).",
)
@click.option(
    "-o",
    "--out",
    type=click.Path(path_type=Path),
    metavar="TỆP",
    help="Tệp đã ký, trong một thư mục đã có (mặc định: <tên tệp>-da-ky.pdf bên cạnh tệp gốc).",
)
@click.argument("file", metavar="TỆP_PDF", type=INPUT)
def sign(file: Path, out: Path | None, **chosen: object) -> None:
    """Ký số một văn bản PDF (Tờ trình…) vào khối chữ ký, thêm vào cuối tệp (không sửa nội dung)."""
    # pyHanko (half a second with aiohttp) loads only for this command, not for every `hoso`.
    from pipeline.signing.sign import SignRequest, preflight, sign_pdf

    if chosen["name"] and chosen["role"] not in NAMED_ROLES:
        # The other boxes print no name to sign at: a name given there would be dropped unseen.
        raise HosoError(
            f"--name chỉ dùng với --role {' hoặc '.join(NAMED_ROLES)} (ký ở họ tên in dưới khối "
            f"chữ ký); ô của vai trò {chosen['role']} không in họ tên: hãy bỏ --name."
        )
    request = SignRequest(
        role=chosen["role"],  # type: ignore[arg-type]
        image=chosen["image"],  # type: ignore[arg-type]
        seal_mm=float(chosen["seal_size"]),  # type: ignore[arg-type]
        name_on_page=chosen["name"],  # type: ignore[arg-type]
        tsa=chosen["tsa"],  # type: ignore[arg-type]
    )
    target = out or file.with_name(f"{file.stem}-da-ky.pdf")
    _one_key(chosen)
    preflight(file, target, request)  # a wrong -o is said before a password or PIN is asked for
    done = sign_pdf(file, target, _credentials(chosen), request)
    click.echo(signed_text(target, done))


NAMED_ROLES = ("nguoi-ky", "co-quan")  # the roles that sign at a printed name (--name)


def _one_key(chosen: dict[str, object]) -> None:
    """Refuse a command naming no key, or both a PKCS#12 file and a token."""
    if (chosen["p12"] is None) == (chosen["pkcs11"] is None):
        raise HosoError("Hãy chọn đúng một nơi có khóa: --p12 TỆP hoặc --pkcs11 TỆP_THƯ_VIỆN.")


def _credentials(chosen: dict[str, object]) -> Credentials:
    """The key the user named: a PKCS#12 file or a PKCS#11 token, exactly one."""
    _one_key(chosen)
    p12, module = chosen["p12"], chosen["pkcs11"]
    if isinstance(p12, Path):
        password = chosen["password"]
        if password is None and needs_password(p12):
            password = _secret(
                f"Mật khẩu tệp khóa {p12.name}",
                f"Tệp khóa {p12} có mật khẩu",
                "--password MẬT_KHẨU hoặc biến môi trường HOSO_PASSWORD",
            )
        return Pkcs12(p12, password)  # type: ignore[arg-type]
    # The PIN is asked for only once the token is found: a wrong library or token label is said
    # before the clerk types it.
    return Pkcs11(
        module,  # type: ignore[arg-type]
        chosen["token"],  # type: ignore[arg-type]
        chosen["pin"],  # type: ignore[arg-type]
        chosen["key_label"],  # type: ignore[arg-type]
        ask_pin=_ask_pin,
    )


def _ask_pin(label: str) -> str:
    """The PIN of the token found, asked for in a terminal."""
    return _secret(
        f"Mã PIN của token {label}",
        "Ký bằng token PKCS#11 cần mã PIN của token",
        "--pin PIN hoặc biến môi trường HOSO_PIN",
    )


def _secret(prompt: str, needed: str, how: str) -> str:
    """A password or PIN not given: asked for, hidden, in a terminal; else said how to give it."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise HosoError(
            f"{needed}: hãy cho bằng {how} (lệnh không chạy trong cửa sổ dòng lệnh nên hoso "
            "không hỏi được)."
        )
    return click.prompt(prompt, hide_input=True)


@click.command(cls=vietnamese_click.Command)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@TRUST
@click.argument("files", nargs=-1, required=True, metavar="TỆP...", type=INPUT)
def verify(as_json: bool, trust: Path | None, files: tuple[Path, ...]) -> None:
    """Kiểm tra chữ ký số của tệp PDF: ai ký, lúc nào, còn nguyên vẹn, bao trùm phần nào, tin cậy.

    TỆP là tệp PDF, thư mục (mọi tệp PDF trong đó) hoặc tệp ZIP (mọi tệp PDF trong đó, như gói
    nộp của hoso package mà đơn vị gửi lên)."""
    checks = verify_files(list(files), trust)
    click.echo(verify_json(checks, trust) if as_json else verify_text(checks, trust))
    sys.exit(1 if any(c.failed for c in checks) else 0)


@click.group(cls=vietnamese_click.Group)
def signed() -> None:
    """Văn bản đã ký số: nhận lại tệp đã ký vào thư mục kết quả."""


def _say_busy(said: str) -> None:
    """Say why nothing happens yet: a build (named when known) writes the output folder."""
    click.echo(said, err=True)


@signed.command("add")
@TRUST
@click.argument("out", metavar="THƯ_MỤC_KẾT_QUẢ", type=OUT_DIR)
@click.argument("files", nargs=-1, metavar="[TỆP_ĐÃ_KÝ]...", type=INPUT)
def signed_add(out: Path, files: tuple[Path, ...], trust: Path | None) -> None:
    """Nhận tệp PDF đã ký: tìm văn bản gốc, kiểm tra, ghi nhận vào hồ sơ.

    Các tệp nêu trong lệnh được kiểm tra hết trước: chỉ khi mọi tệp đều hợp lệ mới nhận cả; có
    tệp bị từ chối thì không nhận tệp nào. Không nêu tệp nào thì nhận từng tệp PDF đã chép sẵn
    vào thư mục da-ky/ của hồ sơ (tệp bị từ chối để nguyên chỗ cũ). Kèm --trust:
    tệp ký bằng chứng thư số đã bị thu hồi bị từ chối; người ký chưa tin cậy (hay CRL cũ, dấu
    thời gian không tin cậy) thì tệp vẫn được nhận, kèm cảnh báo ⚠ nêu lý do."""
    # A build writing the same folder is waited for, and the clerk told why nothing happens.
    report = add_signed(out, list(files), trust, on_wait=_say_busy)
    click.echo(signed_add_text(report))
    sys.exit(1 if report.refused else 0)


@click.command(cls=vietnamese_click.Command)
@TRUST
@click.argument("out", metavar="THƯ_MỤC_KẾT_QUẢ", type=OUT_DIR)
def package(out: Path, trust: Path | None) -> None:
    """Đóng gói nộp trực tuyến: mỗi người và cả đợt một tệp ZIP với bản gốc đã ký, nguyên vẹn."""
    click.echo(package_text(write_packages(out, trust, _say_busy), out))
