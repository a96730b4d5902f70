"""A command waiting for an output folder says who holds it (the command, the user, when it
started, its process), as the holder recorded it next to the lock; a holder that recorded
nothing, or a record that is stale or unreadable, leaves the plain message, never a crash."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build.holder import HOLDER_NAME
from pipeline.build.output import LOCK_NAME
from pipeline.build.progress import BUSY
from tests.workers import lock_holder

# Another hoso process holding the folder the way hoso does (OutputLock), run as COMMAND would be.
_HOSO_HOLDER = """
import sys
from pathlib import Path
from pipeline.build.output import OutputLock
folder, command = Path(sys.argv[1]), sys.argv[2:]
sys.argv = ["hoso", *command, str(folder)]
with OutputLock(folder, wait=0):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _hoso_holder(folder: Path, *command: str) -> subprocess.Popen[str]:
    """A process that holds folder's lock as `hoso COMMAND` would, until told."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOSO_HOLDER, str(folder), *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.mark.parametrize(
    ("command", "who"),
    [
        (("period", "build"), "lệnh hoso period build"),
        (("worker",), "một việc của máy chủ web (lệnh hoso worker)"),
    ],
)
def test_the_wait_names_the_command_holding_the_folder(
    example, tmp_path: Path, run_cli, command: tuple[str, ...], who: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = dt.datetime.now()
    holder = _hoso_holder(out, *command)
    after = dt.datetime.now()
    try:
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    finally:
        holder.communicate("\n")
    assert result.code == 1, result.out
    said = result.err.splitlines()[0]
    started = {f"{t:%H:%M}" for t in (before, after)}
    assert said in {
        f"Thư mục kết quả {out} đang được dùng bởi {who} (người dùng {getpass.getuser()}, "
        f"bắt đầu {hhmm}, tiến trình {holder.pid}); đang chờ lần đó xong (Ctrl+C để thôi chờ)…"
        for hhmm in started
    }, result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # the holder's record went with it


def test_a_holder_that_records_nothing_leaves_the_plain_message(
    example, tmp_path: Path, run_cli
) -> None:
    out = tmp_path / "out"
    holder = lock_holder(out)  # takes the lock itself, as an older hoso would: no record
    try:
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    finally:
        holder.communicate("\n")
    assert result.code == 1
    assert result.err.splitlines()[0] == BUSY


@pytest.mark.parametrize(
    "record",
    [
        "{not json",
        json.dumps({"command": "hoso build", "pid": "một"}),
        # A killed build's: its process is gone.
        json.dumps({"command": "hoso build", "user": "lan", "started": "2026-01-05T13:02:00",
                    "pid": 2**22 + 7, "host": socket.gethostname()}),
    ],
)  # fmt: skip
def test_a_stale_or_unreadable_record_leaves_the_plain_message(
    example, tmp_path: Path, run_cli, record: str
) -> None:
    out = tmp_path / "out"
    holder = lock_holder(out)
    (out / HOLDER_NAME).write_text(record, encoding="utf-8")
    try:
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    finally:
        holder.communicate("\n")
    assert result.code == 1
    assert result.err.splitlines()[0] == BUSY
    assert "Traceback" not in result.err
