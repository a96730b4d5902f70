"""What hoso's stages tell a terminal's user to run (`hoso build`, `hoso signed add`, `hoso
worker`, an option such as `--trust`), said for a browser's user: the page's button that does the
same, or who at the server does it. A web user never has a terminal."""

from __future__ import annotations

import logging
import re
from pathlib import Path

LOG = logging.getLogger("hoso.web")
ADMIN = "người quản trị máy chủ"
TRUST = "thư mục tin cậy của máy chủ"
# Any of hoso's commands, as a text would tell a terminal's user to type it.
COMMAND = re.compile(
    r"\bhoso (?:build|check|init|plans|sign|signed|verify|package|period|user|serve|worker)\b"
)

# The signing stage's advice names the CLI (`hoso build`, `hoso signed add`); on the web the
# same is done with the page's buttons: {remake} is the button that makes the documents again.
SIGNING_REWRITES: tuple[tuple[str, str], ...] = (
    (
        r"hãy tạo lại hồ ?sơ \(hoso build(?:, hay hoso period build)?\) rồi nhận lại (?:tệp "
        r"này|tệp đã ký)",
        "hãy tạo lại bằng nút {remake} rồi tải lên lại tệp đã ký",
    ),
    (r"hãy tạo lại hồ sơ \(hoso build\)", "hãy tạo lại bằng nút {remake}"),
    (r"([Hh])ãy chạy lại hoso build(?: cho thư mục đó)?", r"\1ãy tạo lại bằng nút {remake}"),
    (r"\(bản đã ký thì nhận lại bằng hoso signed add\)", "(rồi tải lên lại bản đã ký)"),
    # A document of several batch folders (the CLI names one to take the file into).
    (
        r"; hãy nhận tệp vào đúng thư mục hồ sơ, ví dụ hoso signed add .*$",
        "; hãy tạo lại bằng nút {remake} rồi tải lên lại tệp đã ký",
    ),
    # A folder whose manifest.json is gone: the web's own build folder, made again by the button.
    (
        r"^\S* ?không phải thư mục kết quả của hoso build \(không có manifest\.json\); hãy chỉ "
        r"thư mục kết quả, ví dụ output/ hoặc output/de-nghi/\.",
        "danh mục các văn bản (manifest.json) của lần tạo này không còn; hãy tạo lại bằng nút "
        "{remake} rồi tải lên lại tệp đã ký.",
    ),
    (r" \(hoso build --no-pdf\): hãy tạo lại có PDF", ": hãy tạo lại bằng nút {remake}"),
    # The trust folder is the administrator's: its roots and CRLs are theirs to add or renew.
    (r"hãy thêm chứng thư gốc", f"hãy báo {ADMIN} thêm chứng thư gốc"),
    (r"hãy tải CRL mới", f"hãy báo {ADMIN} tải CRL mới"),
    (r" rồi kiểm tra lại \(hoso verify\)", " rồi tải lên lại tệp đã ký"),
)
# The job queue's failures name the worker's program and its options: the clerk and the office
# ask the server's administrator, who runs it.
JOB_REWRITES: tuple[tuple[str, str], ...] = (
    (
        r"Hãy kiểm tra máy xử lý \(hoso worker\) rồi tạo lại\.",
        f"Hãy tạo lại; nếu vẫn vậy, hãy báo {ADMIN} kiểm tra máy xử lý.",
    ),
    (
        r"Chi tiết đã ghi vào nhật ký của máy xử lý \(hoso worker\); hãy gửi nhật ký đó cho người "
        r"quản trị\.",
        f"Chi tiết đã ghi vào nhật ký của máy chủ; hãy báo {ADMIN}.",
    ),
    (
        r"; hãy chạy `hoso worker [^`]*` trên ít nhất một máy rồi chạy lại\.",
        f"; hãy báo {ADMIN} chạy máy xử lý, rồi tạo lại.",
    ),
)


def signing_text(text: str, remake: str, trust: Path | None = None) -> str:
    """A signing refusal or warning as the web says it: the page's button `remake` ("“Tạo văn
    bản của đợt” ở trang đợt xét") where the CLI text names `hoso build`, the server's trust
    folder `trust` as the administrator's."""
    if trust is not None:
        text = text.replace(f"{trust}/", "").replace(str(trust), TRUST)
    for pattern, replacement in SIGNING_REWRITES:
        text = re.sub(pattern, replacement.replace("{remake}", remake), text)
    return without_commands(text)


def job_text(text: str) -> str:
    """A job's message (a build's, a period run's) with no command of the worker's machine."""
    for pattern, replacement in JOB_REWRITES:
        text = re.sub(pattern, replacement, text)
    return without_commands(text)


def without_commands(text: str) -> str:
    """The text with any command still named in brackets ("(hoso verify)") left out, and the
    server's log told, so a message written since is reworded here too."""
    bare = re.sub(rf" ?\((?:lệnh |bằng )?“?{COMMAND.pattern}[^()]*\)", "", text)
    if COMMAND.search(bare) or bare != text:
        LOG.warning("thông báo cho người dùng web nêu lệnh của hoso: %s", text)
    return bare
