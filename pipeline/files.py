"""Files the way a user expects them: normal permissions, and OS errors said in Vietnamese."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from pipeline.errors import HosoError, OutputError

# What went wrong, as a clerk would say it, for the errors the environment causes.
REASONS = {
    errno.EACCES: "không có quyền {doing} (hãy kiểm tra quyền của thư mục hoặc tệp)",
    errno.EPERM: "không có quyền {doing} (hãy kiểm tra quyền của thư mục hoặc tệp)",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc, không ghi được",
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại",
    errno.EDQUOT: "đã hết hạn mức dung lượng được dùng trên ổ đĩa; hãy giải phóng dung lượng",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "đã có một tệp trùng tên ở đó",
    errno.ENOENT: "thư mục hoặc tệp không tồn tại",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EIO: "lỗi đọc, ghi của ổ đĩa",
    errno.EMFILE: "đang mở quá nhiều tệp cùng lúc",
    errno.ENOTEMPTY: "thư mục không rỗng",
    errno.ELOOP: "liên kết (symlink) trỏ vòng, không dẫn tới tệp nào",
}


def reason(exc: OSError, doing: str = "ghi") -> str:
    """Why an operating-system call failed, in Vietnamese (`doing`: "ghi", "đọc"...)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno].format(doing=doing)
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"lỗi của hệ điều hành ({code})"


def os_error(
    exc: OSError, what: Path | str, doing: str = "ghi", kind: type[HosoError] = OutputError
) -> HosoError:
    """The HosoError for an OSError met while `doing` something to `what` (the path a user knows)."""
    return kind(f"Không {doing} được {what}: {reason(exc, doing)}.")


def umask() -> int:
    """This process's umask, read without changing it when the system says it (Linux)."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
        found = re.search(r"^Umask:\s*([0-7]+)", status, re.MULTILINE)
        if found:
            return int(found.group(1), 8)
    except OSError:
        pass
    mask = os.umask(0o022)  # set and put back: the only portable way to read it
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode of a new file anyone would create here: 0o666 less the umask."""
    return 0o666 & ~umask()


def folder_mode() -> int:
    """The mode of a new folder anyone would create here: 0o777 less the umask."""
    return 0o777 & ~umask()


def normal_permissions(path: Path) -> None:
    """Give a file or folder made by tempfile (0600, 0700) the permissions of an ordinary one."""
    os.chmod(path, folder_mode() if path.is_dir() else file_mode())


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Let `write` fill a temporary file beside `path`, then rename it into place: a reader never
    sees half a file, and a failure leaves neither a half file nor the temporary one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise os_error(exc, path, "tạo") from None
    os.close(fd)
    try:
        write(Path(tmp))
        normal_permissions(Path(tmp))  # mkstemp makes it 0600: colleagues could not open it
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise os_error(exc, path, "ghi") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
