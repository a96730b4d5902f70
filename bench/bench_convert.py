"""Benchmark DOCX→PDF mechanisms on the same realistic Vietnamese DOCX files; prints figures only.

Usage:  .venv/bin/python bench/bench_convert.py [-n 60] [--repeat 2] [--only pool-2,batch-2]
        [--unoserver-python /path/to/python-with-uno-and-unoserver]

Mechanisms (every run starts from fresh LibreOffice profiles, and its time includes startup):
  cold-1     one `soffice --convert-to pdf` process per file, one at a time
  cold-2     the same, two at a time (one profile per lane)
  batch-1    one `soffice --convert-to pdf a.docx b.docx ...` for all files
  batch-2    two such batch calls in parallel, separate profiles: "the LibreOffice floor"
  unoserver  two `unoserver` instances driven by UnoClient (only with --unoserver-python)
  pool-K     pipeline.pdf.pool.LibreOfficePool(size=K), cold: includes starting the workers
  pool-2-warm  the same pool converting the files a second time (workers already running)
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from pipeline.pdf.converter import ConversionJob, find_soffice
from pipeline.pdf.pool import LibreOfficePool

SENTENCES = (
    "Đồng chí luôn hoàn thành xuất sắc nhiệm vụ được giao, gương mẫu chấp hành chủ trương.",
    "Trong năm học, tập thể đã tổ chức nhiều hoạt động thiết thực nâng cao chất lượng dạy học.",
    "Ủy ban nhân dân huyện đề nghị Chủ tịch Ủy ban nhân dân tỉnh xem xét, tặng Bằng khen.",
    "Kết quả thực hiện nhiệm vụ được lãnh đạo đơn vị và quần chúng nhân dân đánh giá cao.",
    "Người đứng đầu đã chỉ đạo quyết liệt công tác chuyển đổi số, cải cách hành chính.",
    "Phong trào thi đua yêu nước được triển khai sâu rộng, đạt hiệu quả, có sức lan tỏa.",
)
NAMES = ("Nguyễn Văn Đức", "Trần Thị Hương", "Lê Quốc Việt", "Phạm Ngọc Ánh", "Hoàng Thị Yến")


def make_docx(path: Path, pages: int, seed: int) -> None:
    """Write an A4, Times New Roman 13 pt award document of about `pages` pages with a table."""
    rnd = random.Random(seed)
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    for text, bold in (
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        (f"TỜ TRÌNH số {seed}/TTr-UBND về việc đề nghị khen thưởng", True),
    ):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ("STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức"), strict=True
    ):
        cell.text = text
    for i in range(8):
        row = table.add_row().cells
        row[0].text, row[1].text = str(i + 1), rnd.choice(NAMES)
        row[2].text, row[3].text = "Hiệu trưởng Trường Tiểu học Đắk Ơ", "Bằng khen của Chủ tịch"
    for _ in range(pages * 6 - 4):
        paragraph = doc.add_paragraph(" ".join(rnd.choice(SENTENCES) for _ in range(4)))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.save(path)


def make_corpus(folder: Path, n: int) -> list[Path]:
    """Write `n` DOCX files of 1, 2 and 3 pages in turn."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"doc-{i:03d}.docx" for i in range(n)]
    for i, path in enumerate(paths):
        make_docx(path, 1 + i % 3, i)
    return paths


def _soffice_cmd(soffice: str, profile: Path, outdir: Path, docs: list[Path]) -> list[str]:
    """The classic command line: a headless soffice converting `docs` then exiting."""
    return [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)]  # fmt: skip


def _run(cmd: list[str], tmp: Path) -> None:
    """Run a command quietly with TMPDIR=tmp (soffice's scratch dirs); a failure stops the bench."""
    env = {**os.environ, "TMPDIR": str(tmp)}
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def run_cold(soffice: str, docs: list[Path], out: Path, tmp: Path, lanes: int) -> None:
    """One soffice process per file; `lanes` files at a time, one profile per lane."""
    chunks = [docs[lane::lanes] for lane in range(lanes)]

    def lane(i: int) -> None:
        for doc in chunks[i]:
            _run(_soffice_cmd(soffice, tmp / f"profile-{i}", out, [doc]), tmp)

    with ThreadPoolExecutor(lanes) as executor:
        list(executor.map(lane, range(lanes)))


def run_batch(soffice: str, docs: list[Path], out: Path, tmp: Path, lanes: int) -> None:
    """`lanes` soffice processes in parallel, each converting its share of the files."""
    chunks = [docs[lane::lanes] for lane in range(lanes)]
    with ThreadPoolExecutor(lanes) as executor:
        list(executor.map(lambda i: _run(_soffice_cmd(soffice, tmp / f"p{i}", out, chunks[i]), tmp),
                          range(lanes)))  # fmt: skip


def run_pool(size: int, docs: list[Path], out: Path, warm: bool) -> float:
    """Seconds for LibreOfficePool to convert all files, from creating the pool to closing it;
    with `warm`, only a second pass over the same files on the already running workers."""
    jobs = [ConversionJob(d, out / f"{d.stem}.pdf", d.stem) for d in docs]
    started = time.perf_counter()
    with LibreOfficePool(size) as pool:
        if warm:
            pool.convert(jobs)
            started = time.perf_counter()
        results = pool.convert(jobs)
        warm_seconds = time.perf_counter() - started
    failed = [r.job.label for r in results if not r.ok]
    if failed:
        raise RuntimeError(f"pool failed on {failed}")
    return warm_seconds if warm else time.perf_counter() - started


def timed(action: Callable[[], object]) -> float:
    """Wall-clock seconds taken by `action`."""
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


UNOSERVER_DRIVER = textwrap.dedent(
    """
    import subprocess, sys, time, xmlrpc.client
    from concurrent.futures import ThreadPoolExecutor
    from pathlib import Path
    from unoserver.client import UnoClient
    soffice, tmp, out, *docs = sys.argv[1:]
    lanes = 2
    servers = [subprocess.Popen(
        [sys.executable, "-m", "unoserver.server", "--executable", soffice,
         "--port", str(2103 + 10 * i), "--uno-port", str(2102 + 10 * i),
         "--user-installation", str(Path(tmp, f"uno-{i}")), "--quiet"],
        start_new_session=True) for i in range(lanes)]
    try:
        deadline = time.monotonic() + 60
        for i in range(lanes):
            while True:
                try:
                    xmlrpc.client.ServerProxy(f"http://127.0.0.1:{2103 + 10 * i}").info()
                    break
                except OSError:
                    if servers[i].poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"unoserver {i} did not start")
                    time.sleep(0.05)
        def lane(i):
            client = UnoClient(port=str(2103 + 10 * i))
            for doc in docs[i::lanes]:
                client.convert(inpath=doc, outpath=str(Path(out, Path(doc).stem + ".pdf")),
                               update_index=False)
        with ThreadPoolExecutor(lanes) as ex:
            list(ex.map(lane, range(lanes)))
    finally:
        import os, signal
        for s in servers:
            s.terminate()  # let unoserver stop its LibreOffice first
        for s in servers:
            try:
                s.wait(10)
            except subprocess.TimeoutExpired:
                pass
            os.killpg(s.pid, signal.SIGKILL)
    """
)


def run_unoserver(python: str, soffice: str, docs: list[Path], out: Path, tmp: Path) -> None:
    """Two unoserver instances (separate profiles/ports), one client thread each."""
    _run([python, "-c", UNOSERVER_DRIVER, soffice, str(tmp), str(out), *map(str, docs)], tmp)


def check_pdfs(out: Path, docs: list[Path]) -> str:
    """Count PDFs and confirm A4 pages and embedded fonts, so no mechanism wins by cheating."""
    pdfs = sorted(out.glob("*.pdf"))
    problems = 0
    for pdf in pdfs:
        reader = PdfReader(pdf)
        box = reader.pages[0].mediabox
        problems += not (abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1)
        for page in reader.pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for font in fonts.values():
                descriptor = font.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                problems += not any(
                    k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
    return f"{len(pdfs)}/{len(docs)} PDFs" + (f", {problems} problems" if problems else "")


def machine() -> str:
    """One line describing the machine and LibreOffice, for bench/README.md."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())  # fmt: skip
    mem_kb = int(Path("/proc/meminfo").read_text().split()[1])
    version = subprocess.run([find_soffice(), "--version"], capture_output=True, text=True)
    return (f"nproc={os.cpu_count()}, CPU: {cpu}, RAM: {mem_kb / 1024**2:.1f} GiB, "
            f"{version.stdout.strip()}, Python {platform.python_version()}")  # fmt: skip


def main() -> None:
    """Run each selected mechanism `repeat` times on the same files and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=60, help="number of DOCX files (default 60)")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated mechanism names")
    parser.add_argument("--unoserver-python", help="a python that can import uno and unoserver")
    args = parser.parse_args()

    soffice = str(find_soffice())
    work = Path(tempfile.mkdtemp(prefix="bench-convert-"))
    docs = make_corpus(work / "docs", args.n)
    mechanisms: dict[str, Callable[[Path, Path], float]] = {
        "cold-1": lambda out, tmp: timed(lambda: run_cold(soffice, docs, out, tmp, 1)),
        "cold-2": lambda out, tmp: timed(lambda: run_cold(soffice, docs, out, tmp, 2)),
        "batch-1": lambda out, tmp: timed(lambda: run_batch(soffice, docs, out, tmp, 1)),
        "batch-2": lambda out, tmp: timed(lambda: run_batch(soffice, docs, out, tmp, 2)),
        "pool-1": lambda out, tmp: run_pool(1, docs, out, warm=False),
        "pool-2": lambda out, tmp: run_pool(2, docs, out, warm=False),
        "pool-3": lambda out, tmp: run_pool(3, docs, out, warm=False),
        "pool-2-warm": lambda out, tmp: run_pool(2, docs, out, warm=True),
    }
    if args.unoserver_python:
        py = args.unoserver_python
        mechanisms["unoserver"] = lambda out, tmp: timed(
            lambda: run_unoserver(py, soffice, docs, out, tmp)
        )
    selected = [m for m in args.only.split(",") if m] or list(mechanisms)

    print(machine())
    print(f"{len(docs)} DOCX files (1–3 pages, Vietnamese, A4, table), {args.repeat} runs each\n")
    times: dict[str, list[float]] = {name: [] for name in selected}
    checks: dict[str, str] = {}
    load_before = os.getloadavg()[0]
    try:
        # Round-robin over the mechanisms, so a burst of load from other processes on a shared
        # machine hits every mechanism rather than all runs of one.
        for _ in range(args.repeat):
            for name in selected:
                out, tmp = Path(tempfile.mkdtemp(dir=work)), Path(tempfile.mkdtemp(dir=work))
                times[name].append(mechanisms[name](out, tmp))
                print(f"  {name}: {times[name][-1]:.2f} s", file=sys.stderr, flush=True)
                checks[name] = check_pdfs(out, docs)
                shutil.rmtree(out)
                shutil.rmtree(tmp)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'mechanism':<12} {'best s':>7} {'s/doc':>6} {'median s':>9}   runs (s)")
    for name in selected:
        best, median = min(times[name]), statistics.median(times[name])
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<12} {best:>7.2f} {best / len(docs):>6.3f} {median:>9.2f}   {runs}  "
              f"[{checks[name]}]")  # fmt: skip
    print(f"1-min load average before/after: {load_before:.2f}/{os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
