"""Builds as jobs on a task queue: the embedded default on one machine, or Celery with Redis across several."""

from pipeline.jobs.model import JobBusy, JobQueueError, JobStatus
from pipeline.jobs.queue import JobQueue, open_queue
from pipeline.jobs.worker import run_worker

__all__ = ["JobBusy", "JobQueue", "JobQueueError", "JobStatus", "open_queue", "run_worker"]
