"""Build a realistic review period (40 workbooks × 25 nominees) and print what it costs.

Figures printed, from one run (nothing asserted):
- hoso: `hoso build` of the whole period, wall time and peak memory of its process tree;
- naive baseline: docxtpl render + one `soffice --convert-to pdf` per file, sequential, measured on
  a subset of workbooks and scaled to the whole period;
- LibreOffice floor: the same DOCX files converted by two parallel lanes of batch soffice calls
  (≤ 200 files per call), each lane with its own profile;
- rebuild: `hoso build` again after editing one nominee of one workbook (the CLI starts
  LibreOffice);
- CPU seconds of hoso's process tree and of the floor's soffice processes, sampled from /proc:
  on a shared machine the wall times of two phases of one run see different loads, CPU time
  much less so;
- with `--scale 400`: `hoso period build` of a review period of 40 units × 25 nominees, then of
  400 units (10,000 nominees; the period's own Quyết định, lists, certificates, register included):
  time per nominee of the larger against the smaller (linear or not), and the peak memory of each
  tenth of the run (flat or not). `--only-scale` skips everything else.

Run: `.venv/bin/python bench/bench_build.py [--workbooks 40] [--per 25] [--subset 4] [--scale 400]`.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import openpyxl
from docxtpl import DocxTemplate
from pypdf import PdfReader

from pipeline.authoring.examples import example_values
from pipeline.authoring.scaffold import write_workbook
from pipeline.check import check_file
from pipeline.documents import documents_for
from pipeline.inputs.plans import get_plan
from pipeline.pdf.converter import find_soffice
from pipeline.period import examples
from pipeline.period.scaffold import init_period
from pipeline.render import TemplateSet
from pipeline.render.environment import environment

PLAN, REVIEW = "bu-gia-map-cds-2022-2025", "tong-ket-2025"  # quotas 10 tập thể, 20 cá nhân
HOSO = [sys.executable, "-m", "pipeline.cli"]


def make_period(folder: Path, workbooks: int, per: int) -> list[Path]:
    """`workbooks` different workbooks of `per` nominees (a quarter collectives)."""
    plan = get_plan(PLAN)
    review = plan.review(REVIEW)
    assert review is not None
    collectives = max(1, per // 4)
    paths = []
    for i in range(workbooks):
        values = example_values(
            plan, review, seed=f"/{i}", collectives=collectives, individuals=per - collectives
        )
        path = folder / f"don-vi-{i + 1:02d}.xlsx"
        write_workbook(path, plan, review, values)
        paths.append(path)
    return paths


class PeakMemory:
    """Samples the resident memory of a process and all its descendants (soffice included), and
    the CPU time each of them has used (a figure the machine's other load hardly changes)."""

    def __init__(self, pid: int, every: float = 0.1, *, own: bool = True) -> None:
        self.pid, self.every, self.peak, self.own = pid, every, 0, own
        self.samples: list[int] = []  # the tree's resident memory at every sample, in bytes
        self.cpu: dict[int, int] = {}  # pid → utime + stime, in clock ticks, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        ticks: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    stat = Path(f"/proc/{entry}/stat").read_text()
                except OSError:
                    continue
                fields = stat.rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
                ticks[int(entry)] = int(fields[11]) + int(fields[12])
        tree, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo += children.get(pid, [])
        for pid in tree:
            if pid in ticks and (self.own or pid != self.pid):
                self.cpu[pid] = max(self.cpu.get(pid, 0), ticks[pid])
        return tree

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(sum(self._rss(p) for p in self._tree()))
            self.peak = max(self.peak, self.samples[-1])

    def stop(self) -> int:
        """Stop sampling; the peak in bytes."""
        self._stop.set()
        self._thread.join()
        return self.peak

    def tenths(self) -> list[int]:
        """The peak of each tenth of the run: flat memory shows as ten similar figures."""
        n = len(self.samples)
        return (
            [
                max(self.samples[n * i // 10 : max(n * (i + 1) // 10, n * i // 10 + 1)] or [0])
                for i in range(10)
            ]
            if n
            else []
        )

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds (user + system) of every process seen in the tree."""
        return sum(self.cpu.values()) / os.sysconf("SC_CLK_TCK")


def run_hoso(inputs: Path, out: Path) -> tuple[float, PeakMemory, str]:
    """Wall time, memory/CPU sampler and summary of `hoso build -q -o out inputs`."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*HOSO, "build", "-q", "-o", str(out), str(inputs)], stdout=subprocess.PIPE, text=True
    )
    sampler = PeakMemory(proc.pid)
    output, _ = proc.communicate()
    sampler.stop()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"hoso build failed ({proc.returncode}):\n{output}")
    return elapsed, sampler, output


# LibreOffice 7.4's `--convert-to` silently stops after about 250 files of one call (exit code 0,
# the rest never converted: measured here), so each lane converts its files in calls of 200.
CHUNK = 200


def floor(docx: list[Path], scratch: Path, soffice: str) -> tuple[float, float]:
    """Two parallel lanes of batch `soffice --convert-to pdf` calls, separate profiles, same DOCX;
    wall time and CPU seconds of the soffice processes."""
    flat = scratch / "in"
    flat.mkdir(parents=True)
    names = []
    for i, path in enumerate(docx):  # unique names: outputs of one --outdir must not collide
        names.append(flat / f"{i:05d}.docx")
        shutil.copy(path, names[-1])
    lanes = [names[0::2], names[1::2]]
    started = time.perf_counter()
    sampler = PeakMemory(os.getpid(), own=False)
    threads = [
        threading.Thread(
            target=_lane, args=(lane, scratch / f"out-{i}", scratch / f"profile-{i}", soffice)
        )
        for i, lane in enumerate(lanes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    sampler.stop()
    made = sum(1 for i in range(2) for _ in (scratch / f"out-{i}").glob("*.pdf"))
    if made != len(docx):
        raise SystemExit(f"floor: {made} PDFs for {len(docx)} DOCX files")
    return elapsed, sampler.cpu_seconds


def _lane(files: list[Path], outdir: Path, profile: Path, soffice: str) -> None:
    outdir.mkdir(parents=True)
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
    ]
    for start in range(0, len(files), CHUNK):
        chunk = [str(f) for f in files[start : start + CHUNK]]
        subprocess.run(
            [*cmd, "--outdir", str(outdir), *chunk],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def naive(paths: list[Path], scratch: Path, soffice: str) -> float:
    """Render each document with docxtpl and convert it with its own cold soffice, one by one."""
    templates = TemplateSet.build()
    profile = (scratch / "naive-profile").as_uri()
    started = time.perf_counter()
    for path in paths:
        batch = check_file(path).batch
        assert batch is not None
        for n, doc in enumerate(documents_for(batch)):
            tpl = DocxTemplate(templates.find(doc.template))
            tpl.render(doc.context, jinja_env=environment(), autoescape=True)
            target = scratch / "naive" / path.stem / f"{n:03d}.docx"
            target.parent.mkdir(parents=True, exist_ok=True)
            buf = io.BytesIO()
            tpl.save(buf)
            target.write_bytes(buf.getvalue())
            cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
            subprocess.run(
                [*cmd, "--outdir", str(target.parent), str(target)],
                stdout=subprocess.DEVNULL,
                check=True,
            )
    return time.perf_counter() - started


def reuse_text(summary: str, documents: int) -> str:
    """What a rebuild made anew and reused, from its summary: its time means something only if
    it reused all but the edited nominee's documents (hoso's code changing on disk during the
    run, as in a checkout others commit to, makes it rebuild everything)."""
    made = re.search(r"(\d+) văn bản tạo mới", summary)
    reused = re.search(r"(\d+) văn bản không đổi", summary)
    new, kept = int(made.group(1)) if made else 0, int(reused.group(1)) if reused else 0
    text = f"made anew {new}, reused {kept} of {documents} documents"
    return text if kept else f"{text}   NOT INCREMENTAL: the time above is a full build"


def edit_one_nominee(path: Path) -> None:
    """Change one individual's achievements, as a late correction would."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Cá nhân"]
    column = next(c.column_letter for c in ws[1] if c.value == "Thành tích")
    ws[f"{column}3"] = f"{ws[f'{column}3'].value}\n- Bổ sung sau khi Hội đồng góp ý."
    wb.save(path)


def machine() -> str:
    """CPU model, cores, memory and LibreOffice version."""
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        int(ln.split()[1])
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    lo = subprocess.run(
        [find_soffice(), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return f"{cpu}; {os.cpu_count()} cores; {mem / 1024 / 1024:.0f} GiB; {lo}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=40)
    parser.add_argument("--per", type=int, default=25)
    parser.add_argument("--subset", type=int, default=4, help="workbooks for the naive baseline")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument(
        "--scale", type=int, default=0, metavar="N", help="then build N workbooks (400: 10,000)"
    )
    parser.add_argument("--only-scale", action="store_true", help="skip the 1,000-nominee phase")
    args = parser.parse_args()
    soffice = str(find_soffice())
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="hoso-bench-") as tmp:
        root = Path(tmp)
        if not args.only_scale:
            period_phase(args, root, soffice)
        if args.scale:
            scale_phase(args.scale, args.per, root / "scale")


def period_phase(args: argparse.Namespace, root: Path, soffice: str) -> None:
    """The 1,000-nominee period against the floor, its rebuild and the naive baseline."""
    inputs = root / "inputs"
    inputs.mkdir()
    paths = make_period(inputs, args.workbooks, args.per)
    nominees = args.workbooks * args.per
    out = root / "output"
    wall, sampler, summary = run_hoso(inputs, out)
    cpu = sampler.cpu_seconds
    docx = sorted(out.rglob("van-ban/**/*.docx"))
    dossiers = len(list(out.rglob("ho-so/*.pdf")))
    print(
        f"period: {args.workbooks} workbooks × {args.per} = {nominees} nominees; "
        f"{len(docx)} documents, {dossiers} nominee dossiers"
    )
    print(
        f"hoso build:          {wall:8.1f} s   peak memory {sampler.peak / 2**30:.2f} GiB   "
        f"CPU {cpu:.1f} s (process tree)"
    )
    lo_floor, floor_cpu = floor(docx, root / "floor", soffice)
    print(
        f"LibreOffice floor:   {lo_floor:8.1f} s   "
        f"(2 lanes of batch soffice calls, ≤ {CHUNK} files each, same {len(docx)} DOCX)   "
        f"CPU {floor_cpu:.1f} s"
    )
    print(f"  hoso / floor:      {wall / lo_floor:8.2f}x   (target ≤ 0.60x)")
    print(f"  CPU hoso / floor:  {cpu / floor_cpu:8.2f}x   (the load of others hardly moves it)")
    alone = re.search(r"(\d+) văn bản phải chuyển PDF riêng lẻ", summary)
    print(f"  converted alone:   {int(alone.group(1)) if alone else 0:8d}   (not combinable)")
    edit_one_nominee(paths[len(paths) // 2])
    rebuild, rebuilt, again = run_hoso(inputs, out)
    print(
        f"rebuild, 1 edited:   {rebuild:8.1f} s   (CLI, starts LibreOffice; "
        f"peak memory {rebuilt.peak / 2**30:.2f} GiB)"
    )
    print(f"  {reuse_text(again, len(docx))}")
    if not args.skip_naive:
        subset = paths[: args.subset]
        measured = naive(subset, root / "naive", soffice)
        scaled = measured * len(paths) / len(subset)
        print(
            f"naive baseline:      {scaled:8.1f} s   (measured {measured:.1f} s on {len(subset)} workbooks, scaled)"
        )
        print(f"  naive / hoso:      {scaled / wall:8.2f}x")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(root / "floor", ignore_errors=True)


def make_big_period(folder: Path, units: int, per: int) -> None:
    """A review period (`hoso period init --example` of a plan whose office decides) with `units`
    units of `per` nominees each (1 collective), all on time and valid."""
    examples.N_UNITS, examples.STAFF = units, per - 1
    examples.LATE = examples.BROKEN = examples.MISSING = 0  # no unit is late, broken or missing
    init_period(folder, get_plan(SCALE_PLAN), None, example=True)


def run_period(folder: Path, out: Path) -> tuple[float, PeakMemory, str]:
    """Wall time, memory/CPU sampler and summary of `hoso period build folder -o out`."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*HOSO, "period", "build", "-q", str(folder), "-o", str(out)],
        stdout=subprocess.PIPE,
        text=True,
    )
    sampler = PeakMemory(proc.pid)
    output, _ = proc.communicate()
    sampler.stop()
    if proc.returncode != 0:
        raise SystemExit(f"hoso period build failed ({proc.returncode}):\n{output}")
    return time.perf_counter() - started, sampler, output


def scale_phase(units: int, per: int, root: Path) -> None:
    """`hoso period build` of a period of units / 10 units, then of `units` units: time per
    nominee (linear or not) and memory through the run (flat or not)."""
    seconds = {}
    for n in (units // 10, units):
        folder = root / f"dot-xet-{n}"
        started = time.perf_counter()
        make_big_period(folder, n, per)
        made = time.perf_counter() - started
        wall, sampler, _ = run_period(folder, root / f"out-{n}")
        nominees = n * per
        seconds[n] = wall / nominees
        pdfs = sum(1 for _ in (root / f"out-{n}").rglob("*.pdf"))
        pages = ", ".join(
            f"{p.name} {len(PdfReader(p).pages)} tr."
            for p in sorted((root / f"out-{n}").rglob("*.pdf"))
            if "don-vi" not in p.parts and p.stat().st_size > 0
        )
        print(
            f"hoso period build, {n} units × {per} = {nominees} nominees "
            f"(period made in {made:.0f} s): {wall:8.1f} s   {seconds[n] * 1000:.1f} ms / nominee   "
            f"peak memory {sampler.peak / 2**30:.2f} GiB   CPU {sampler.cpu_seconds:.1f} s   "
            f"{pdfs} PDF files"
        )
        print(f"  the office's PDFs: {pages}")
        tenths = " ".join(f"{b / 2**30:.2f}" for b in sampler.tenths())
        print(f"  peak memory by tenth of the run (GiB): {tenths}")
        shutil.rmtree(root / f"out-{n}", ignore_errors=True)
    small = units // 10
    print(
        f"  time per nominee, {units} units against {small}: "
        f"{seconds[units] / seconds[small]:.2f}x   (1.00x = linear)"
    )


SCALE_PLAN = "vi-du-xa-bu-gia-map-2026"  # its office decides: Quyết định, certificates, register


if __name__ == "__main__":
    main()
