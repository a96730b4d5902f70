"""What the jobs layer hands to its callers: a job's status, and the errors a caller can meet."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.build.holder import Holder
from pipeline.errors import HosoError

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
# Set in the environment of a worker its parent process stops (hoso serve's own worker).
PARENT_STOPS = "HOSO_WORKER_OF_SERVE"


@dataclass(frozen=True)
class JobStatus:
    """Where a job is: queued, running (with progress), done (with its documents) or failed."""

    id: str
    status: str  # "queued" | "running" | "done" | "failed"
    message: str = ""  # Vietnamese: the failure's message, or a short progress note
    documents: tuple[str, ...] = ()  # files made, paths relative to out_dir (when done)
    done: int = 0  # live progress: steps finished so far ...
    total: int = 0  # ... out of total (0 = not known yet)
    exit_code: int | None = None  # hoso build's exit code once finished
    # While another build holds its output folder: who, for the job's page (holder.py's words).
    waiting: str = ""
    holder: Holder | None = None  # ... and that build's record, when known (a clerk's build's)

    @property
    def finished(self) -> bool:
        """True once the job is done or failed: its status will not change again."""
        return self.status in (DONE, FAILED)


class JobBusy(HosoError):
    """A job with the same key is still queued or running."""


class JobQueueError(HosoError):
    """The queue cannot be used: a bad address, a broker that does not answer, an unknown job."""
