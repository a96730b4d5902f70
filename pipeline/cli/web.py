"""The web app's commands: `hoso serve` and `hoso user add|token` (thin: pipeline.web does it)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.cli import vietnamese_click
from pipeline.errors import HosoError

DATA = click.option(
    "--data",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="THƯ_MỤC",
    help="Thư mục dữ liệu của ứng dụng web (mặc định: $HOSO_DATA, rồi ~/.local/share/hoso).",
)
PROXY_ADVICE = """\
Cảnh báo: ứng dụng đang nghe trên {host}, không chỉ trên máy này. Đừng để nó ra mạng trực tiếp:
đặt nó sau một reverse proxy có TLS (HTTPS), ví dụ nginx:
    server {{ listen 443 ssl; server_name hoso.example.gov.vn; …
      location / {{ proxy_pass http://127.0.0.1:{port};
                   proxy_set_header Host $host;
                   proxy_set_header X-Forwarded-For $remote_addr;
                   proxy_set_header X-Forwarded-Proto https; }} }}
và chạy với --trusted-proxy ĐỊA_CHỈ_CỦA_PROXY HOSO_SECURE_COOKIES=1
HOSO_ALLOWED_HOSTS=hoso.example.gov.vn HOSO_ORIGINS=https://hoso.example.gov.vn
(xem README, mục “Ứng dụng web”)."""


@click.command(cls=vietnamese_click.Command)
@DATA
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    metavar="ĐỊA_CHỈ",
    help="Địa chỉ nghe (0.0.0.0: mọi địa chỉ của máy, để máy khác trong mạng mở được).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    metavar="CỔNG",
    type=vietnamese_click.IntRange(1, 65535),
    help="Cổng nghe.",
)
@click.option(
    "--queue",
    metavar="ĐỊA_CHỈ",
    help="Hàng đợi Redis (redis://máy-chủ:6379/0); mặc định: hàng đợi có sẵn trong thư mục dữ liệu.",
)
@click.option(
    "--trusted-proxy",
    envvar="HOSO_TRUSTED_PROXY",
    metavar="ĐỊA_CHỈ",
    help=(
        "Địa chỉ IP của reverse proxy (ví dụ 127.0.0.1): chỉ yêu cầu từ địa chỉ này mới được tin "
        "X-Forwarded-For, để khóa đăng nhập sai và nhật ký ghi đúng địa chỉ người dùng "
        "(mặc định: $HOSO_TRUSTED_PROXY; không có thì không tin)."
    ),
)
@click.option("--demo", is_flag=True, help="Thêm dữ liệu mẫu (đợt xét ví dụ, tài khoản mẫu).")
def serve(
    data: Path | None,
    host: str,
    port: int,
    queue: str | None,
    trusted_proxy: str | None,
    demo: bool,
) -> None:
    """Chạy ứng dụng web cho văn thư và thường trực thi đua."""
    from pipeline.web.server import LOOPBACK, browser_addresses, proxy_address, setup
    from pipeline.web.server import serve as run

    if trusted_proxy:
        trusted_proxy = proxy_address(trusted_proxy)  # refused before anything starts
    folder = setup(data, queue, host)
    if demo:
        _demo()
    click.echo(f"Thư mục dữ liệu: {folder}")

    def ready() -> None:  # once the address is taken: nothing said of one that cannot be
        if host not in LOOPBACK:
            click.echo(PROXY_ADVICE.format(host=host, port=port), err=True)
        shown = [
            f"{url} ({where})" if where else url for url, where in browser_addresses(host, port)
        ]
        click.echo(f"Mở trình duyệt: {' hoặc '.join(shown)}  (dừng: Ctrl-C)")
        sys.stdout.flush()

    run(folder, host, port, queue, ready, trusted_proxy)


@click.group(cls=vietnamese_click.Group)
def user() -> None:
    """Tài khoản của ứng dụng web."""


@user.command("add")
@click.argument("name", metavar="TÊN")
@click.option(
    "--role", required=True, type=click.Choice(["van-thu", "thi-dua", "quan-tri"]), help="Vai trò."
)
@click.option("--unit", metavar="ĐƠN_VỊ", help="Đơn vị của văn thư (như ô “Cơ quan trình khen”).")
@DATA
def user_add(name: str, role: str, unit: str | None, data: Path | None) -> None:
    """Thêm tài khoản; mật khẩu hỏi ở bàn phím, hoặc đọc từ đầu vào chuẩn."""
    from pipeline.web.server import setup

    setup(data)
    from pipeline.web.accounts import add_user

    user = add_user(name, role, _password(), unit)
    own = user.profile.unit.name if user.profile.unit else None
    click.echo(f"Đã thêm tài khoản {name} ({_role(role)}{', ' + own if own else ''}).")
    if own is not None:
        _warn_if_unexpected(own)


def _warn_if_unexpected(unit: str) -> None:
    """Tell the administrator when no period expects the clerk's unit (its proposals would reach
    a period under a name the office does not know), with the closest names expected."""
    from pipeline.web.accounts import expected_units

    found, close = expected_units(unit)
    if found:
        return
    hint = f" Tên gần giống: {'; '.join(close)}." if close else ""
    click.echo(
        f"Cảnh báo: chưa đợt xét nào chờ đơn vị “{unit}”: hồ sơ nộp lên sẽ thành một đơn vị "
        f"ngoài danh sách. Tên phải viết như trong danh sách đơn vị của đợt xét.{hint}",
        err=True,
    )


@user.command("add-units")
@click.argument("period", metavar="MÃ_ĐỢT")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP.xlsx",
    help="Ghi thêm danh sách tài khoản (có mật khẩu) ra tệp Excel, chỉ người tạo đọc được.",
)
@DATA
def user_add_units(period: str, output: Path | None, data: Path | None) -> None:
    """Tạo tài khoản văn thư cho mọi đơn vị của đợt xét chưa có tài khoản (mật khẩu ngẫu nhiên)."""
    from pipeline.web.server import setup

    if output is not None:
        output = _new_list(output)
    setup(data)
    from django.db import transaction

    from pipeline.web.accounts import add_unit_clerks

    with transaction.atomic():  # a list that cannot be written: no account whose password is lost
        made = add_unit_clerks(period)
        if output is not None and made:
            _write_logins(output, made)
    if not made:
        click.echo("Mọi đơn vị của đợt xét đã có tài khoản văn thư; không tạo thêm.")
        return
    click.echo(f"Đã tạo {len(made)} tài khoản văn thư (mật khẩu chỉ hiện lần này):")
    for login in made:
        click.echo(f"  {login.unit}: {login.name} / {login.password}")
    if output is not None:
        click.echo(f"Danh sách đã ghi vào {output} (chỉ người tạo đọc được).")


def _new_list(path: Path) -> Path:
    """Where the list of new accounts goes: an .xlsx name, never a file already there (an earlier
    list holds passwords shown only once)."""
    if path.suffix.lower() != ".xlsx":
        path = path.with_name(path.name + ".xlsx")
    if path.exists() or path.is_symlink():
        raise HosoError(
            f"{path} đã có: hoso không ghi đè (mật khẩu trong danh sách cũ chỉ hiện một lần). "
            "Hãy chọn tên tệp khác."
        )
    return path


def _write_logins(path: Path, made: list) -> None:
    """The accounts as a workbook only its owner can read (it holds passwords): written to a
    temporary file made private from the start, then renamed into place."""
    import os
    import tempfile

    from pipeline.files import os_error
    from pipeline.period.sheets import workbook_bytes

    rows = [(i, m.unit, m.name, m.password) for i, m in enumerate(made, start=1)]
    data = workbook_bytes([("Tài khoản", ("STT", "Đơn vị", "Tên đăng nhập", "Mật khẩu"), rows)])
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:  # mkstemp: mode 0600
            fh.write(data)
        os.link(tmp, path)  # FileExistsError rather than replace a list made meanwhile
        os.unlink(tmp)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise os_error(exc, path, "ghi") from None


@user.command("token")
@click.argument("name", metavar="TÊN")
@DATA
def user_token(name: str, data: Path | None) -> None:
    """In một mã API mới của tài khoản (mã cũ hết hiệu lực)."""
    from pipeline.web.server import setup

    setup(data)
    from pipeline.web.accounts import issue_token

    click.echo(issue_token(name))


def _demo() -> None:
    """Add the demo data and print its logins."""
    from pipeline.web.demo import PASSWORD, make_demo

    click.echo("Tài khoản mẫu (mật khẩu của tất cả: " + PASSWORD + "):")
    for login in make_demo():
        unit = f", {login.unit}" if login.unit else ""
        click.echo(f"  {login.name:<8} {_role(login.role)}{unit}")


def _role(role: str) -> str:
    """A role as the app names it ("Văn thư đơn vị"), not its code."""
    from pipeline.web.models import ROLES

    return dict(ROLES).get(role, role)


def _password() -> str:
    """From a prompt on a terminal, else the first line of standard input."""
    if sys.stdin.isatty():
        return click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    line = sys.stdin.readline().rstrip("\r\n")
    if not line:
        raise HosoError("Không có mật khẩu ở đầu vào chuẩn.")
    return line
