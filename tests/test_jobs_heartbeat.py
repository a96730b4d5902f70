"""A build job beats until its outcome is ready: packing the folder it sends back is part of the
job, so a worker zipping a large dossier on a busy machine is never taken for one that died."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pipeline.jobs import task
from pipeline.jobs.queue import _payload
from pipeline.jobs.task import HEARTBEAT, PROGRESS, run_build


class RecordingTask:
    """A Celery task as run_build sees it: each state it stores is kept, and signalled."""

    def __init__(self) -> None:
        self.request = SimpleNamespace(id="viec-thu")
        self.beats: list[int] = []
        self.beaten = threading.Condition()

    def update_state(self, task_id: str, state: str, meta: dict[str, Any]) -> None:
        assert task_id == "viec-thu" and state == PROGRESS
        with self.beaten:
            self.beats.append(meta["beat"])
            self.beaten.notify_all()


def test_a_job_keeps_beating_while_its_folder_is_packed(
    example, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording, packed = RecordingTask(), threading.Event()
    real_pack = task.pack

    def slow_pack(folder: Path) -> bytes:
        # The packing lasts until the submitter would see the job beat again (or a generous
        # while, the assertion below then failing): a wait on the beat, not on a duration.
        with recording.beaten:
            before = len(recording.beats)
            recording.beaten.wait_for(lambda: len(recording.beats) > before, 10 * HEARTBEAT)
            beat_while_packing = len(recording.beats) > before
        packed.set()
        assert beat_while_packing, "no heartbeat while the job's folder was packed"
        return real_pack(folder)

    monkeypatch.setattr(task, "pack", slow_pack)
    payload = _payload(example(), None, pdf=False, duplex=False, legal=None)
    outcome = run_build(recording, payload)
    assert packed.is_set()
    assert outcome["exit_code"] == 0 and outcome["folder"], outcome["message"]
    assert outcome["message"].startswith("Đã tạo 15 văn bản")
    # The heartbeat ended with the job: nothing beats for a job that has returned.
    assert not [t for t in threading.enumerate() if t.name == "hoso-heartbeat"]
