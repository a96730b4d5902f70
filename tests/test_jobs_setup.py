"""The embedded queue's files are set up whole, under a lock, by whoever opens the queue first."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pipeline.jobs.app import QUEUE, jobs_folder, make_app

REPO = Path(__file__).resolve().parent.parent

# Each process opens the queue at the same moment, then sends and takes as a server and a
# worker do: kombu would create the queue's row on that first use, from every process at once.
OPEN_AND_USE = """
import sys, time
from pathlib import Path
from pipeline.jobs.app import QUEUE, make_app
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
app = make_app(Path(sys.argv[1]), None)
with app.connection_for_write() as connection:
    connection.SimpleQueue(QUEUE).qsize()
print("sẵn sàng")
"""


def _queues(data: Path) -> list[str]:
    with sqlite3.connect(jobs_folder(data) / "broker.sqlite") as db:
        return [name for (name,) in db.execute("SELECT name FROM kombu_queue")]


def test_opening_the_queue_creates_its_row_so_that_no_later_first_use_races_for_it(
    tmp_path: Path,
) -> None:
    make_app(tmp_path / "du-lieu", None)
    # The row exists before anything is sent or taken: a server sending the first job while
    # its worker starts finds it there (two processes creating it at once killed the worker
    # with "UNIQUE constraint failed: kombu_queue.name").
    assert _queues(tmp_path / "du-lieu") == [QUEUE]
    make_app(tmp_path / "du-lieu", None)  # opening it again changes nothing
    assert _queues(tmp_path / "du-lieu") == [QUEUE]


def test_servers_and_workers_opening_a_new_data_folder_together_all_start(tmp_path: Path) -> None:
    data, start = tmp_path / "du-lieu", time.time() + 3
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_USE, str(data), str(start)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(6)
    ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * 6, outputs
    assert _queues(data) == [QUEUE]
