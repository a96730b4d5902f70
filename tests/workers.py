"""Real worker processes (`hoso worker`) and a real redis-server, started and stopped by tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import redis

from pipeline.jobs.tether import TiedProcess

REPO = Path(__file__).resolve().parent.parent


class Worker:
    """One `hoso worker` process (and its pool processes) in a process group of its own, tied to
    the test's process: a pytest killed (SIGKILL, a CI timeout) leaves no worker running."""

    def __init__(self, data: Path, url: str | None, log: Path, concurrency: int = 1) -> None:
        args = [sys.executable, "-m", "pipeline.cli", "worker", "--data", str(data)]
        args += ["--concurrency", str(concurrency)] + (["--queue", url] if url else [])
        self.log = log
        with open(log, "ab") as out:
            self.proc = TiedProcess(
                args, dict(os.environ), stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
                start_new_session=True,
            )  # fmt: skip

    @property
    def pid(self) -> int:
        """The worker's main process."""
        return self.proc.pid

    def children(self) -> list[int]:
        """The worker's pool processes (each runs jobs)."""
        path = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        try:
            return [int(p) for p in path.read_text().split()]
        except OSError:
            return []

    def kill(self) -> None:
        """SIGKILL the whole worker at once, as a crash or a pulled plug would."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        """Stop the worker as Ctrl-C would (then, if it hangs, kill it)."""
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        """What the worker printed so far."""
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def workers(data: Path, url: str | None, count: int, logs: Path) -> Iterator[list[Worker]]:
    """`count` workers on one queue, each stopped at the end whatever happened."""
    logs.mkdir(parents=True, exist_ok=True)
    started = [Worker(data, url, logs / f"worker-{i}.log") for i in range(count)]
    try:
        yield started
    except BaseException:
        # A job that never finished is often a worker that died: its words go with the failure.
        for worker in started:
            print(f"--- {worker.log.name} ---\n{worker.output()}")
        raise
    finally:
        for worker in started:
            worker.stop()


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A real redis-server on a free port with its files in `folder`; its redis:// address."""
    binary = shutil.which("redis-server")
    assert binary is not None, "redis-server is installed by `make` (apt)"
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder),
         "--save", "", "--appendonly", "no", "--logfile", str(folder / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, "redis did not start"
                time.sleep(0.1)
        client.close()
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def until(predicate, timeout: float, step: float = 0.2):  # type: ignore[no-untyped-def]
    """Wait until predicate() is truthy and return it; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(step)


def without_pdf_bytes(value):  # type: ignore[no-untyped-def]
    """A manifest with what LibreOffice makes different on every run left out: each PDF's bytes
    (it writes the time and a random document id into the file) and the dossier keys made from
    them; and the office's statistics workbook, made on this machine either way, which openpyxl
    stamps with the time it was saved. Page counts and everything else stay. (Two local builds
    differ in just these ways.)"""
    if isinstance(value, list):
        return [without_pdf_bytes(v) for v in value]
    if not isinstance(value, dict):
        return value
    is_pdf = str(value.get("path", "")).endswith((".pdf", ".xlsx"))
    drop = ("sha256", "bytes", "key") if is_pdf else ()
    return {k: without_pdf_bytes(v) for k, v in value.items() if k not in drop}


def read_manifest(path: Path):  # type: ignore[no-untyped-def]
    """A manifest.json as data, PDF bytes left out."""
    import json

    return without_pdf_bytes(json.loads(path.read_text(encoding="utf-8")))


def assert_same_build(local: Path, other: Path) -> None:
    """Two batch folders hold the same files: DOCX byte for byte, the same manifest, PDFs with
    the same pages and text."""
    from pypdf import PdfReader

    files = sorted(p.relative_to(local) for p in local.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    assert any(f.suffix == ".docx" for f in files)
    for rel in files:
        if rel.suffix == ".docx":
            assert (local / rel).read_bytes() == (other / rel).read_bytes(), rel
        elif rel.suffix == ".pdf":
            a, b = PdfReader(local / rel), PdfReader(other / rel)
            assert [p.extract_text() for p in a.pages] == [p.extract_text() for p in b.pages], rel
    manifest = Path("manifest.json")
    assert manifest in files
    mine, theirs = read_manifest(local / manifest), read_manifest(other / manifest)
    # Each records the workbook's place from its own folder: the same workbook, whichever
    # machine built it (a worker's private copy would differ), however far the folders are.
    places = [m.pop("workbook_path", "") for m in (mine, theirs)]
    at = [(f / p).resolve() if p else None for f, p in zip((local, other), places, strict=True)]
    assert at[0] == at[1], places
    assert mine == theirs


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/dang-nhap/", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def serving(
    data: Path, log: Path, queue: str | None = None, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`hoso serve --demo` (with its embedded worker, or on `queue`) on a free port: its URL."""
    port = free_port()
    args = [sys.executable, "-m", "pipeline.cli", "serve", "--demo", "--port", str(port)]
    args += ["--queue", queue] if queue else []
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*args, "--data", str(data)], stdout=out, stderr=subprocess.STDOUT, cwd=REPO,
            start_new_session=True, env={**os.environ, **(env or {})},
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            until(lambda: _answers(url) or proc.poll() is not None, timeout=120)
            assert proc.poll() is None, log.read_text()
            yield url
        finally:
            proc.send_signal(signal.SIGTERM)  # the server stops its worker
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def demo_login(browser, url: str, name: str):  # type: ignore[no-untyped-def]
    """A new browser page of `hoso serve --demo` at `url`, logged in as the demo user `name`."""
    from pipeline.web.demo import PASSWORD

    page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page.goto(url + "/")
    page.fill("#id_username", name)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page


BGM_REVIEW = "bu-gia-map-cds-2022-2025/so-ket-2023"


def start_proposal(page, plan_review: str | None = BGM_REVIEW) -> str:  # type: ignore[no-untyped-def]
    """On the clerk's list: pick a plan's review (None: the one selected), create a proposal and
    wait for its page to load (a test reading the page at once could read the list); its URL."""
    if plan_review is not None:
        page.select_option("#plan_review", plan_review)
    page.click("text=Tạo đề nghị")
    page.wait_for_url(re.compile(r".*/de-nghi/\d+/$"))
    return page.url


# A process that takes a folder's lock the way hoso does, says so, and holds it until told.
_HOLDER = """
import sys
from filelock import FileLock
lock = FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""


def lock_holder(folder: Path) -> subprocess.Popen[str]:
    """Another process holding `folder`'s output lock (as another build would) once this
    returns; `.communicate("\\n")` releases it, SIGKILL drops it as a crash would."""
    from pipeline.build.output import LOCK_NAME

    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(folder / LOCK_NAME)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


# Another hoso process holding the folder the way hoso does (OutputLock, its holder recorded beside
# the lock), run as `hoso build` would be, its clock in another zone than Việt Nam's.
_HOSO_HOLDER = """
import sys
from pathlib import Path
from pipeline.build.output import OutputLock
folder = Path(sys.argv[1])
sys.argv = ["hoso", "build", str(folder)]
with OutputLock(folder, wait=0):
    print("held", flush=True)
    sys.stdin.readline()
"""


def build_holding(folder: Path) -> subprocess.Popen[str]:
    """A `hoso build` process holding `folder`'s output lock, named in its holder record, once this
    returns (its clock in Tokyo's time); `.communicate("\\n")` releases it."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOSO_HOLDER, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "TZ": "Asia/Tokyo"},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def lock_held(folder: Path) -> contextlib.AbstractContextManager[Callable[[], None]]:
    """`folder`'s output lock held by another process (`lock_holder`) for the `with` block, which
    is given the release (the other build finishing); released on leaving if not before."""
    return holding(lock_holder(folder))


@contextlib.contextmanager
def holding(holder: subprocess.Popen[str]) -> Iterator[Callable[[], None]]:
    """The `with` block runs while `holder`, a process holding a lock until it reads a line (as
    `lock_holder`'s), holds it; the block is given the release; released on leaving if not before."""

    def release() -> None:
        if holder.returncode is None:
            holder.communicate("\n")

    try:
        yield release
    finally:
        release()


def hoso_process(*args: str | Path) -> tuple[subprocess.Popen[str], str]:
    """`hoso ARGS…` as a process of its own (stdout and stderr piped), and the first line it
    wrote to stderr: what the person at the terminal reads before any wait."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stderr is not None
    return proc, proc.stderr.readline().rstrip("\n")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (its path there) and its bytes: to see a folder left as it was."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def sign_apart(source: str | Path, target: Path, p12: Path) -> None:
    """`hoso sign SOURCE -o TARGET` with the test key `p12`, in a process of its own: pyHanko's
    asyncio.run cannot share Playwright's event loop."""
    from tests import pki

    args = [sys.executable, "-m", "pipeline.cli", "sign", source, "-o", target]
    args += ["--p12", p12, "--password", pki.PASSWORD]
    subprocess.run([str(a) for a in args], cwd=REPO, check=True, capture_output=True, timeout=300)


def delete_copies(folder: Path, original: bytes) -> None:
    """Delete every PDF below `folder` holding exactly `original` (as someone at the server
    might); there must be at least one."""
    gone = [p for p in folder.rglob("*.pdf") if p.read_bytes() == original]
    assert gone
    for path in gone:
        path.unlink()


def job_finished(page, box: str = "", timeout: int = 900_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the job a page shows (inside `box`, a CSS selector) is done or failed, as htmx
    polls it; a failed job fails the test at once with the page's own message."""
    within = f"{box} " if box else ""
    page.wait_for_selector(
        f'{within}[data-status="done"], {within}[data-status="failed"]', timeout=timeout
    )
    status = page.locator(f"{within}[data-status]").first.get_attribute("data-status")
    assert status == "done", page.inner_text(box or "body")
