"""A command waiting for an output folder says who holds it (the command, the user, when it
started, its process), as the holder recorded it next to the lock, and says it again when it gives
up; the start is in Việt Nam's time whatever the machine's time zone. A holder that recorded
nothing, or a record that is stale or unreadable, leaves the plain message, never a crash."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build.holder import HOLDER_NAME
from pipeline.build.output import LOCK_NAME
from pipeline.build.progress import BUSY
from pipeline.vietnamese import format_date
from tests.workers import holding, lock_held

ROOT = Path(__file__).parents[1]
# Việt Nam's clock (UTC+7, no daylight saving), whatever the machine's TZ.
VN = dt.timezone(dt.timedelta(hours=7))
WAITING = "đang chờ lần đó xong (Ctrl+C để thôi chờ)…"

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


def _hoso_holder(folder: Path, *command: str, tz: str = "Asia/Tokyo") -> subprocess.Popen[str]:
    """A process that holds folder's lock as `hoso COMMAND` would, until told; its clock in
    another zone than Việt Nam's, as a server's may be."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOSO_HOLDER, str(folder), *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TZ": tz},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def _vietnam_time(moments: tuple[dt.datetime, ...]) -> set[str]:
    """How a start at one of these moments (today) reads: Việt Nam's hour and minute."""
    return {f"lúc {t.astimezone(VN):%H} giờ {t.astimezone(VN):%M} phút" for t in moments}


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
    before = dt.datetime.now(VN)
    holder = _hoso_holder(out, *command)
    after = dt.datetime.now(VN)
    with holding(holder):
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    assert result.code == 1, result.out
    said = result.err.splitlines()[0]
    assert said in {
        f"Thư mục kết quả {out} đang được dùng bởi {who} (người dùng {getpass.getuser()}, "
        f"bắt đầu {when}, tiến trình {holder.pid}); {WAITING}"
        for when in _vietnam_time((before, after))
    }, result.err
    assert "Traceback" not in result.err
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME]  # the holder's record went with it


def test_a_holder_that_records_nothing_leaves_the_plain_message(
    example, tmp_path: Path, run_cli
) -> None:
    out = tmp_path / "out"
    with lock_held(out):  # takes the lock itself, as an older hoso would: no record
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
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
    with lock_held(out):
        (out / HOLDER_NAME).write_text(record, encoding="utf-8")
        result = run_cli("build", "--no-pdf", "--wait", "0.2", "-o", out, example())
    assert result.code == 1
    assert result.err.splitlines()[0] == BUSY
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("wait", "waited"), [("0", ""), ("0.2", "đã chờ 0,2 giây, ")])
def test_giving_up_names_the_command_holding_the_folder(
    example, tmp_path: Path, run_cli, wait: str, waited: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = dt.datetime.now(VN)
    holder = _hoso_holder(out, "period", "build")
    after = dt.datetime.now(VN)
    with holding(holder):
        result = run_cli("build", "--no-pdf", "--wait", wait, "-o", out, example())
    assert result.code == 1, result.out
    assert result.err.splitlines()[-1] in {
        f"Lỗi: Thư mục kết quả {out} đang được dùng bởi lệnh hoso period build (người dùng "
        f"{getpass.getuser()}, bắt đầu {when}, tiến trình {holder.pid}); {waited}"
        "hãy chờ lần đó xong rồi chạy lại."
        for when in _vietnam_time((before, after))
    }, result.err
    assert "Traceback" not in result.err


def test_a_period_build_giving_up_names_the_build_holding_its_results(period, run_cli) -> None:
    folder = period()
    results = folder / "ket-qua"
    results.mkdir()
    holder = _hoso_holder(results, "build")
    with holding(holder):
        result = run_cli("period", "build", "--no-pdf", "-q", "--wait", "0", folder)
    assert result.code == 1, result.out
    said = result.err.splitlines()
    # No wait asked for: no "waiting…" line, no "đã chờ 0 giây", only the refusal naming the holder.
    assert len(said) == 1, said
    assert said[0].startswith(
        f"Lỗi: Thư mục kết quả {results} đang được dùng bởi lệnh hoso build ("
    )
    assert said[0].endswith(f", tiến trình {holder.pid}); hãy chờ lần đó xong rồi chạy lại."), said
    assert sorted(p.name for p in results.iterdir()) == [LOCK_NAME]  # nothing written, no record


def _hoso_waiting(out: Path, workbook: Path, tz: str) -> subprocess.CompletedProcess[str]:
    """A real `hoso build` process, its clock in zone `tz`, giving up on `out` after 0,2 s."""
    command = [sys.executable, "-m", "pipeline.cli", "build", "--no-pdf", "--wait", "0.2"]
    return subprocess.run(
        [*command, "-o", str(out), str(workbook)],
        capture_output=True,
        text=True,
        env={**os.environ, "TZ": tz, "PYTHONPATH": str(ROOT)},
        timeout=300,
    )


@pytest.mark.parametrize("tz", ["UTC", "America/New_York"])
def test_the_holders_start_is_said_in_vietnam_time_on_a_machine_in_another_zone(
    example, tmp_path: Path, tz: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = _hoso_holder(out, "period", "build")
    with holding(holder):
        # A build that has held the folder since 19:30 UTC on 4 March: 02:30 on 5 March in Việt
        # Nam (14:30 on the 4th in New York), its record as the holder wrote it but for that start.
        record = json.loads((out / HOLDER_NAME).read_text(encoding="utf-8"))
        assert record["pid"] == holder.pid
        record["started"] = "2026-03-04T19:30:00+00:00"
        (out / HOLDER_NAME).write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        waited = _hoso_waiting(out, example(), tz)
    assert waited.returncode == 1, waited.stdout
    named = (
        f"Thư mục kết quả {out} đang được dùng bởi lệnh hoso period build (người dùng "
        f"{getpass.getuser()}, bắt đầu lúc 02 giờ 30 phút ngày 05 tháng 3 năm 2026, tiến trình "
        f"{holder.pid})"
    )
    assert waited.stderr.splitlines() == [
        f"{named}; {WAITING}",
        f"Lỗi: {named}; đã chờ 0,2 giây, hãy chờ lần đó xong rồi chạy lại.",
    ], waited.stderr


def test_a_start_today_is_said_in_vietnam_time_without_its_day(example, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = dt.datetime.now(VN)
    holder = _hoso_holder(out, "build", tz="Europe/London")
    after = dt.datetime.now(VN)
    with holding(holder):
        waited = _hoso_waiting(out, example(), "America/New_York")
    said = waited.stderr.splitlines()
    assert len(said) == 2, waited.stderr
    # Said in the day's words only when the start was not today in Việt Nam (past midnight there).
    started = _vietnam_time((before, after)) | {
        f"{when} {format_date(t)}" for t in (before, after) for when in _vietnam_time((t,))
    }
    tail = {f"bắt đầu {when}, tiến trình {holder.pid}); {WAITING}" for when in started}
    assert any(said[0].endswith(end) for end in tail), said
    assert said[0].startswith(f"Thư mục kết quả {out} đang được dùng bởi lệnh hoso build ("), said
