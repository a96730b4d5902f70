"""The web app's data folder: where it is (--data, HOSO_DATA, the default) and its secret key."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pipeline.errors import OutputError
from pipeline.files import reason

ENV = "HOSO_DATA"
DEFAULT = Path("~/.local/share/hoso")  # documented in the README ("Ứng dụng web")
SECRET_FILE = "secret-key"


def data_dir(given: Path | None = None) -> Path:
    """The data folder: the one given, else $HOSO_DATA, else ~/.local/share/hoso (created)."""
    folder = given or (Path(os.environ[ENV]) if os.environ.get(ENV) else DEFAULT)
    folder = folder.expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise OutputError(
            f"{folder}: không tạo được thư mục dữ liệu: {reason(exc, 'tạo')}."
        ) from None
    return folder


def secret_key(folder: Path) -> str:
    """The app's secret key, generated once into the data folder with mode 0600."""
    path = folder / SECRET_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise OutputError(f"{path}: không ghi được khóa bí mật: {reason(exc, 'ghi')}.") from None
    key = secrets.token_urlsafe(50)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
