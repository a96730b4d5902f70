"""A job that fails inside the worker for a reason hoso did not foresee (a bug of hoso's): the
person reads a Vietnamese sentence saying so and where the details are, never Python's words."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.jobs import open_queue
from pipeline.jobs.queue import _payload
from tests.workers import workers

TIMEOUT = 300  # seconds (a shared, busy machine)


def test_an_unforeseen_failure_in_the_worker_is_said_in_vietnamese(example, tmp_path: Path) -> None:
    workbook = example()
    queue = open_queue(tmp_path / "data", None)
    payload = _payload(workbook, None, False, False, None)
    payload["data"] = "không phải base64"  # the worker's decoding raises, as a bug would
    with workers(tmp_path / "data", None, 1, tmp_path / "logs") as (worker,):
        job = queue._submit(json.dumps(payload), workbook.stem, tmp_path / "ket-qua", None)
        done = queue.wait(job, TIMEOUT)
        said = worker.output()
    assert done.status == "failed", (done, said)
    assert "UnicodeEncodeError" in said  # the details, where the message says they are
    assert done.message == (
        "Lỗi không lường trước của hoso khi tạo hồ sơ (lỗi của chương trình, không phải của tệp). "
        "Chi tiết đã ghi vào nhật ký của máy xử lý (hoso worker); hãy gửi nhật ký đó cho người "
        "quản trị."
    ), done.message
