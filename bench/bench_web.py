"""The web app under load: 20 API clients checking 25-nominee workbooks at once (p50/p95), and 20
builds submitted at once through the API against `hoso build` of the same 20 workbooks on the CLI.

Starts a real `hoso serve` (with its embedded worker) on a free port in a temporary data folder.
Prints figures; asserts nothing. Run: `.venv/bin/python bench/bench_web.py [--clients 20]`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_check import make_workbook

REPO = Path(__file__).resolve().parent.parent
HOSO = [sys.executable, "-m", "pipeline.cli"]


def valid_workbook(path: Path, nominees: int) -> None:
    """The example grown to `nominees` rows, the added individuals not leaders (no quota error)."""
    make_workbook(path, nominees)
    wb = openpyxl.load_workbook(path)
    ws = wb["Cá nhân"]
    column = next(c.column for c in ws[1] if str(c.value or "").lower().startswith("lãnh đạo"))
    for row in range(6, ws.max_row + 1):
        ws.cell(row=row, column=column, value="Không")
    wb.save(path)


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post_file(url: str, token: str, path: Path) -> tuple[int, dict]:
    """A multipart POST of one file (field `file`), as curl -F would send it."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    with urllib.request.urlopen(request, timeout=600) as response:
        return response.status, json.loads(response.read())


def get_json(url: str, token: str) -> dict:
    """A GET with the token."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def at_once(count: int, work) -> list:  # type: ignore[no-untyped-def]
    """Run work(i) in `count` threads released together; their results in order."""
    barrier, results = threading.Barrier(count), [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def bench_check(url: str, token: str, path: Path, clients: int, rounds: int) -> list[float]:
    """Latencies of `clients` threads each checking the workbook `rounds` times."""

    def client(_: int) -> list[float]:
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            status, _body = post_file(f"{url}/api/v1/check", token, path)
            assert status == 200
            times.append(time.perf_counter() - started)
        return times

    return [t for times in at_once(clients, client) for t in times]


def bench_builds(url: str, token: str, paths: list[Path]) -> float:
    """Seconds from submitting every workbook at once to the last build done."""
    started = time.perf_counter()
    ids = at_once(len(paths), lambda i: post_file(f"{url}/api/v1/builds", token, paths[i])[1]["id"])
    pending = set(ids)
    while pending:
        time.sleep(1)
        for build in list(pending):
            status = get_json(f"{url}/api/v1/builds/{build}", token)["status"]
            if status in ("done", "failed"):
                assert status == "done", status
                pending.discard(build)
    return time.perf_counter() - started


def serve(data: Path, port: int, log: Path) -> subprocess.Popen:
    """`hoso serve` with a clerk and its token; waits until it answers."""
    subprocess.run(
        [*HOSO, "user", "add", "bench", "--role", "van-thu", "--unit", "Đơn vị thử", "--data", str(data)],
        input="mat-khau-bench\n", text=True, check=True, capture_output=True,
    )  # fmt: skip
    proc = subprocess.Popen(
        [*HOSO, "serve", "--data", str(data), "--port", str(port)],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, cwd=REPO,
    )  # fmt: skip
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=2).close()
            return proc
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(log.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--nominees", type=int, default=25)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        workbook = root / "de-nghi.xlsx"
        valid_workbook(workbook, args.nominees)
        paths = []
        for i in range(args.clients):
            (root / "in").mkdir(exist_ok=True)
            paths.append(root / "in" / f"don-vi-{i:02d}.xlsx")
            shutil.copy(workbook, paths[-1])
        data, port = root / "du-lieu", free_port()
        proc = serve(data, port, root / "serve.log")
        try:
            token = subprocess.run(
                [*HOSO, "user", "token", "bench", "--data", str(data)],
                check=True, capture_output=True, text=True,
            ).stdout.strip()  # fmt: skip
            url = f"http://127.0.0.1:{port}"
            latencies = bench_check(url, token, workbook, args.clients, args.rounds)
            web = bench_builds(url, token, paths)
        finally:
            proc.terminate()
            proc.wait(timeout=120)
        started = time.perf_counter()
        subprocess.run(
            [*HOSO, "build", "-q", "-o", str(root / "cli"), *map(str, paths)],
            check=True,
            capture_output=True,
        )
        cli = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=20)
    print(f"check: {args.clients} clients x {args.rounds} requests, {args.nominees} nominees each")
    print(
        f"  p50 {statistics.median(latencies):.3f} s   p95 {q[18]:.3f} s   max {max(latencies):.3f} s"
    )
    print(f"builds: {len(paths)} submitted at once through the API (embedded queue, 1 worker)")
    print(
        f"  web {web:.1f} s   CLI hoso build of the same {len(paths)}: {cli:.1f} s   ratio {web / cli:.2f}"
    )


if __name__ == "__main__":
    main()
