"""Who holds an output folder's lock, written next to it, so that a command waiting for the folder
can say who it waits for (the command, the user, when it started, its process)."""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import re
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.vietnamese import format_date, format_decimal, format_time

# Said while waiting for a folder whose holder is not known (a record missing, stale, unreadable).
BUSY = (
    "Thư mục kết quả đang được một lần tạo hồ sơ khác ghi; đang chờ lần đó xong (Ctrl+C để thôi "
    "chờ)…"
)
HOLDER_NAME = ".hoso.lock.holder"
# Holders' start times are said in Việt Nam's time, whatever the machine's time zone (a server
# kept on UTC): Asia/Ho_Chi_Minh has been UTC+7 with no daylight saving since 1975, so a fixed
# offset is exact and needs no tz database (Windows has none without the tzdata package).
VIETNAM = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")
# The web's jobs run in `hoso worker`'s processes: a person knows them as the web server's.
_SERVERS = ("hoso worker", "hoso serve", "hoso web")
_WORD = re.compile(r"[a-z][a-z-]*")


@dataclass(frozen=True)
class Holder:
    """The process that holds an output folder's lock."""

    command: str  # "hoso period build"
    user: str
    started: dt.datetime  # the holder machine's local time, with its offset
    pid: int
    host: str


def _command(argv: list[str]) -> str:
    """The hoso command a process runs, as a person types it: "hoso period build" from its
    arguments (a file or folder given, an option or a third word ends the command's words); a
    program that is not hoso (a script using the library) by its own name.

    >>> _command(["/usr/bin/hoso", "build", "-o", "out"]), _command(["pytest", "-x"])
    ('hoso build', 'pytest')
    """
    program = os.path.basename(argv[0]) if argv and argv[0] != "-c" else "python"
    if program not in ("hoso", "__main__.py"):  # `python -m pipeline.cli` runs __main__.py
        return program
    words = ["hoso"]
    for arg in argv[1:3]:
        if not _WORD.fullmatch(arg) or os.path.exists(arg):
            break
        words.append(arg)
    return " ".join(words)


def _user() -> str:
    """The machine user running this process, or "" when the system cannot say."""
    with contextlib.suppress(Exception):  # getpass raises OSError, KeyError… with no user entry
        return getpass.getuser()
    return ""


def record(out_dir: Path) -> None:
    """Write this process as the holder of out_dir's lock (called once the lock is taken). A
    record that cannot be written is no reason to stop a build: waiters then say less."""
    data = {
        "command": _command(sys.argv),
        "user": _user(),
        "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "pid": os.getpid(),
        "host": socket.gethostname(),
    }
    path = out_dir / HOLDER_NAME
    part = out_dir / f"{HOLDER_NAME}.{os.getpid()}"
    with contextlib.suppress(OSError):  # a reader never sees half a record: written, then renamed
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
    with contextlib.suppress(OSError):
        part.unlink(missing_ok=True)


def forget(out_dir: Path) -> None:
    """Remove this process's record (called before the lock is released)."""
    path = out_dir / HOLDER_NAME
    holder = read(out_dir)
    if holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname():
        with contextlib.suppress(OSError):
            path.unlink()


def holder_data(holder: Holder | None) -> dict[str, object] | None:
    """A holder as JSON data (a job's progress carries it to whoever watches the job)."""
    if holder is None:
        return None
    return {
        "command": holder.command,
        "user": holder.user,
        "started": holder.started.isoformat(timespec="seconds"),
        "pid": holder.pid,
        "host": holder.host,
    }


def holder_of(data: object) -> Holder | None:
    """The holder of `holder_data`'s data (or of a lock's record), None when it is not one."""
    try:
        return Holder(
            command=str(data["command"]),  # type: ignore[index]
            user=str(data["user"]),  # type: ignore[index]
            started=dt.datetime.fromisoformat(data["started"]),  # type: ignore[index]
            pid=int(data["pid"]),  # type: ignore[index]
            host=str(data["host"]),  # type: ignore[index]
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def read(out_dir: Path) -> Holder | None:
    """The holder out_dir's record names, or None: no record, one that cannot be read, or one of
    a process of this machine that is gone (a killed build leaves its record behind)."""
    try:
        holder = holder_of(json.loads((out_dir / HOLDER_NAME).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return None
    if holder is None:
        return None
    if holder.host == socket.gethostname() and not _alive(holder.pid):
        return None
    return holder


def _alive(pid: int) -> bool:
    """True when a process of this machine has that id."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def since(started: dt.datetime, now: dt.datetime | None = None) -> str:
    """When a holder started, in Việt Nam's time: the day too unless it is today there. A time
    with no offset (an older record) is the machine's local time.

    >>> now = dt.datetime(2026, 12, 7, 9, 0, tzinfo=VIETNAM)
    >>> utc = dt.timezone.utc
    >>> since(dt.datetime(2026, 12, 7, 1, 5, tzinfo=utc), now)
    'lúc 08 giờ 05 phút'
    >>> since(dt.datetime(2026, 3, 4, 19, 30, tzinfo=utc), now)
    'lúc 02 giờ 30 phút ngày 05 tháng 3 năm 2026'
    """
    started = started.astimezone(VIETNAM)
    today = (now or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).date()
    when = f"lúc {format_time(started.time())}"
    return when if started.date() == today else f"{when} {format_date(started)}"


def _who(holder: Holder, page: bool = False) -> str:
    """Who holds a folder: the command (on a web `page`, whose reader has no terminal: what it
    is, no command), then the user, start and process in brackets."""
    who = page_kind(holder) if page else f"lệnh {holder.command}"
    if holder.command in _SERVERS and not page:
        who = f"một việc của máy chủ web ({who})"
    details = [f"người dùng {holder.user}"] if holder.user else []
    details += [f"bắt đầu {since(holder.started)}", f"tiến trình {holder.pid}"]
    if holder.host != socket.gethostname():
        details[-1] += f" trên máy {holder.host}"
    return f"{who} ({', '.join(details)})"


def page_kind(holder: Holder | None) -> str:
    """What holds a folder, in a web reader's words (no command): another of the web server's
    jobs, a build run from the command line, or another build when the holder is not known."""
    if holder is None:
        return "một lần tạo hồ sơ khác"
    if holder.command in _SERVERS:
        return "một việc khác của máy chủ web"
    return "một lần tạo hồ sơ chạy bằng dòng lệnh trên máy chủ"


def vietnam_iso(started: dt.datetime) -> str:
    """A holder's start as ISO 8601 in Việt Nam's time (+07:00), to the second, for machines.

    >>> vietnam_iso(dt.datetime(2026, 12, 7, 1, 5, 9, 12, tzinfo=dt.timezone.utc))
    '2026-12-07T08:05:09+07:00'
    """
    return started.astimezone(VIETNAM).isoformat(timespec="seconds")


def _named(out_dir: Path, holder: Holder) -> str:
    """The folder and who holds it."""
    return f"Thư mục kết quả {out_dir} đang được dùng bởi {_who(holder)}"


class Waiting(str):
    """busy_text's words, with the holder they name (None: not known), for whoever says the
    wait otherwise: a queued job's page (job_waiting_text), which shows no server path."""

    holder: Holder | None = None


def job_waiting_text(holder: Holder | None) -> str:
    """What a job (the web app's) waiting for its output folder says on its page until it goes
    on: who holds the folder, started when in Việt Nam's time; no path, nothing to press.

    >>> h = Holder("hoso period build", "lan", dt.datetime(2025, 12, 7, 13, 2, tzinfo=VIETNAM), 1234, "may")
    >>> print(job_waiting_text(h).replace(" (", "\\n(").replace(", ", ",\\n"))
    Đang chờ: thư mục kết quả của việc này đang được dùng bởi một lần tạo hồ sơ chạy bằng dòng lệnh trên máy chủ
    (người dùng lan,
    bắt đầu lúc 13 giờ 02 phút ngày 07 tháng 12 năm 2025,
    tiến trình 1234 trên máy may); việc này tự tiếp tục khi lần đó xong.
    """
    who = "một lần tạo hồ sơ khác" if holder is None else _who(holder, page=True)
    return (
        f"Đang chờ: thư mục kết quả của việc này đang được dùng bởi {who}; việc này tự tiếp tục "
        "khi lần đó xong."
    )


def busy_text(out_dir: Path, holder: Holder | None) -> str:
    """What a command waiting for out_dir says: who holds it when known, else BUSY.

    >>> h = Holder("hoso period build", "lan", dt.datetime(2025, 12, 7, 13, 2, tzinfo=VIETNAM), 1234, "may")
    >>> print(busy_text(Path("ket-qua"), h).replace(", ", ",\\n"))
    Thư mục kết quả ket-qua đang được dùng bởi lệnh hoso period build (người dùng lan,
    bắt đầu lúc 13 giờ 02 phút ngày 07 tháng 12 năm 2025,
    tiến trình 1234 trên máy may); đang chờ lần đó xong (Ctrl+C để thôi chờ)…
    """
    said = Waiting(BUSY if holder is None else f"{_named(out_dir, holder)}; {_WAITS}")
    said.holder = holder
    return said


_WAITS = "đang chờ lần đó xong (Ctrl+C để thôi chờ)…"


def refusal_text(out_dir: Path, holder: Holder | None, waited: float) -> str:
    """Why a command gives up on out_dir after waiting `waited` seconds: who holds it when known.

    >>> h = Holder("hoso build", "", dt.datetime(2025, 12, 7, 13, 2, tzinfo=VIETNAM), 99, "may")
    >>> print(refusal_text(Path("ket-qua"), h, 0.5).replace(" (", "\\n(").replace(", ", ",\\n"))
    Thư mục kết quả ket-qua đang được dùng bởi lệnh hoso build
    (bắt đầu lúc 13 giờ 02 phút ngày 07 tháng 12 năm 2025,
    tiến trình 99 trên máy may); đã chờ 0,5 giây,
    hãy chờ lần đó xong rồi chạy lại.
    >>> refusal_text(Path("ket-qua"), None, 0)
    'Thư mục kết quả ket-qua đang được một lần tạo hồ sơ khác ghi; hãy chờ lần đó xong rồi chạy lại.'
    """
    # Without a wait (--wait 0) "đã chờ 0 giây" would be noise: the command simply did not wait.
    waited_text = f"đã chờ {format_decimal(waited, 1)} giây" if waited > 0 else ""
    if holder is None:
        why = f" ({waited_text})" if waited_text else ""
        return (
            f"Thư mục kết quả {out_dir} đang được một lần tạo hồ sơ khác ghi{why}; "
            "hãy chờ lần đó xong rồi chạy lại."
        )
    return f"{_named(out_dir, holder)}; {waited_text + ', ' if waited_text else ''}hãy chờ lần đó xong rồi chạy lại."
