"""DOCX→PDF conversion: the LibreOffice pool (real soffice), its failure handling, and the fake."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader

from pipeline.errors import ConversionError
from pipeline.pdf.converter import (
    ConversionJob,
    ConversionResult,
    Converter,
    raise_on_failure,
)
from pipeline.pdf.pool import LibreOfficePool
from tests.fakes import FakeConverter
from tests.processes import soffice_processes, uno_sockets

BODY = "Ủy ban nhân dân huyện Bù Gia Mập đề nghị tặng Bằng khen cho ông Nguyễn Văn Đức"
NOTE = "Đạt danh hiệu Chiến sĩ thi đua cơ sở năm học 2023–2024; gương mẫu, tận tụy."


# -- helpers ---------------------------------------------------------------------------------


def make_docx(path: Path, pages: int = 1, title: str = "TỜ TRÌNH") -> Path:
    """An A4 Times New Roman DOCX of exactly `pages` pages (explicit page breaks) with a table."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    document.add_paragraph(title).runs[0].bold = True
    for page in range(pages):
        if page:
            document.add_page_break()
        document.add_paragraph(f"{BODY} (trang {page + 1}).")
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    table.cell(0, 0).text, table.cell(0, 1).text = "Họ và tên", "Thành tích"
    table.cell(1, 0).text, table.cell(1, 1).text = "Nguyễn Văn Đức", NOTE
    document.save(str(path))
    return path


def make_jobs(folder: Path, count: int, pages: int = 1) -> list[ConversionJob]:
    """`count` DOCX files in folder/src and jobs converting them to folder/pdf."""
    (folder / "src").mkdir(parents=True, exist_ok=True)
    return [
        ConversionJob(
            make_docx(folder / "src" / f"doc-{i}.docx", pages),
            folder / "pdf" / f"doc-{i}.pdf",
            f"Báo cáo thành tích số {i}",
        )
        for i in range(count)
    ]


def normalized(text: str) -> str:
    """NFC with whitespace collapsed: PDF text extraction breaks lines where Word did not."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_soffice_left_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if a soffice it started still runs, or left a profile or socket file.

    Pools keep their profiles under tempfile's directory; pointing that at this test's tmp_path
    marks every soffice the test starts (its -env:UserInstallation names the path), so soffice
    processes of other people's concurrent builds are never mistaken for ours.
    """
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    monkeypatch.setenv("TMPDIR", str(private_tmp))  # and for anything a subprocess writes
    before = soffice_processes(str(private_tmp))
    sockets_before = uno_sockets(os.getpid())
    yield
    leaked = soffice_processes(str(private_tmp)) - before
    for pid in leaked:  # clean up so one failure does not cascade into the next tests
        os.kill(pid, signal.SIGKILL)
    assert not leaked, f"soffice processes left running: {sorted(leaked)}"
    leftovers = list(private_tmp.iterdir())
    assert not leftovers, f"temporary files left behind: {leftovers}"
    assert uno_sockets(os.getpid()) - sockets_before == set()


# -- the real LibreOffice ----------------------------------------------------------------------


def pdf_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page, mapped to whether it carries a font program (is embedded)."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page["/Resources"].get_object().get("/Font", {}).get_object()
        for font in resources.values():
            font = font.get_object()
            # Type0 fonts keep their descriptor in the descendant CIDFont.
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            programs = ("/FontFile", "/FontFile2", "/FontFile3")
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in programs)
    return fonts


@pytest.mark.libreoffice
def test_converts_vietnamese_docx_to_a4_pdfs_with_embedded_fonts(tmp_path: Path) -> None:
    jobs = [
        ConversionJob(
            make_docx(tmp_path / f"{n}.docx", pages=n), tmp_path / f"{n}.pdf", f"Tài liệu {n}"
        )
        for n in (1, 2, 3)
    ]
    seen: list[str] = []
    with LibreOfficePool(size=2) as pool:
        results = pool.convert(jobs, on_result=lambda r: seen.append(r.job.label))
    assert [r.job for r in results] == jobs  # in job order, whatever order they finished in
    assert all(r.ok and r.error is None and r.attempts == 1 for r in results), results
    assert sorted(seen) == sorted(j.label for j in jobs)
    for pages, job in zip((1, 2, 3), jobs, strict=True):
        reader = PdfReader(job.target)
        assert len(reader.pages) == pages
        for page in reader.pages:
            box = page.mediabox
            assert abs(float(box.width) - 595) <= 1 and abs(float(box.height) - 842) <= 1
        fonts = pdf_fonts(reader)
        assert fonts and all(fonts.values()), fonts
        # Times New Roman is replaced by its metric twin, so line and page breaks match Word.
        assert all("LiberationSerif" in name for name in fonts), fonts
        text = normalized("\n".join(page.extract_text() for page in reader.pages))
        assert normalized(BODY) in text
        assert normalized(NOTE) in text
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.libreoffice
def test_worker_killed_mid_batch_still_converts_every_document(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 10)
    with LibreOfficePool(size=2) as pool:
        pool.warm_up(wait=True)  # so the kill hits a converting worker, not one still starting
        killed: list[int] = []

        def kill_a_worker(_: ConversionResult) -> None:
            if not killed:  # first result: both workers are busy with the next documents
                killed.append(pool.process_groups()[0])
                threading.Thread(target=os.killpg, args=(killed[0], signal.SIGKILL)).start()

        results = pool.convert(jobs, on_result=kill_a_worker)
        stats = pool.stats
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    assert all(job.target.is_file() for job in jobs)
    assert stats.crashes >= 1 and stats.starts >= 3
    assert max(r.attempts for r in results) == 2


@pytest.mark.libreoffice
def test_timeout_restarts_worker_retries_then_reports_the_document(tmp_path: Path) -> None:
    before, after = make_jobs(tmp_path, 2)
    # No conversion finishes in a millisecond: this job times out on every attempt.
    stuck = ConversionJob(before.source, tmp_path / "pdf" / "stuck.pdf", "Tờ trình", timeout=0.001)
    with LibreOfficePool(size=1, retries=1) as pool:
        results = pool.convert([before, stuck, after])
        stats = pool.stats
    assert [r.ok for r in results] == [True, False, True]
    failed = results[1]
    assert failed.attempts == 2 and "quá thời gian chờ 0,001 giây" in (failed.error or "")
    assert stats.timeouts == 2
    assert stats.starts == 3  # the first start, then one after each timeout
    assert not stuck.target.exists() and not list((tmp_path / "pdf").glob(".*.part"))
    with pytest.raises(ConversionError) as raised:
        raise_on_failure(results)
    message = str(raised.value)
    assert message.startswith("Không chuyển được sang PDF tài liệu “Tờ trình”: quá thời gian")
    assert "(đã thử 2 lần)" in message


@pytest.mark.libreoffice
def test_missing_source_fails_without_retry(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 1)
    missing = ConversionJob(tmp_path / "khong-co.docx", tmp_path / "x.pdf", "Biên bản họp")
    with LibreOfficePool(size=1) as pool:
        ok, bad = pool.convert([*jobs, missing])
    assert ok.ok and not bad.ok and bad.attempts == 1
    assert "không tìm thấy tệp nguồn" in (bad.error or "")


def test_missing_libreoffice_raises_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as raised:
        LibreOfficePool(soffice=tmp_path / "no" / "soffice")
    message = str(raised.value)
    assert message.startswith("Không tìm thấy LibreOffice (soffice)")
    assert "sudo apt-get install libreoffice-writer-nogui" in message


@pytest.mark.libreoffice
def test_missing_python_uno_raises_vietnamese_error(tmp_path: Path) -> None:
    with pytest.raises(ConversionError, match="python3-uno"):
        LibreOfficePool(uno_python=tmp_path / "python3")


@pytest.mark.libreoffice
def test_libreoffice_that_cannot_start_raises_after_retries(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 2)
    with pytest.raises(ConversionError) as raised, LibreOfficePool(soffice="/bin/false") as pool:
        pool.convert(jobs)
    # Said in Vietnamese (not "RuntimeError: soffice exited with code 1").
    assert str(raised.value).startswith(
        "Không khởi động được LibreOffice (soffice dừng ngay khi khởi động, mã thoát 1)"
    )
    assert pool.stats.starts == 0


@pytest.mark.libreoffice
def test_a_libreoffice_stopped_as_it_starts_is_said_as_stopped(
    example, run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A soffice that stops itself (kill -STOP) on start: it never answers nor exits, and hoso
    # says so instead of waiting out its startup timeout on each of its three starts.
    soffice = tmp_path / "soffice"
    soffice.write_text("#!/bin/sh\nkill -STOP $$\n")
    soffice.chmod(0o755)
    monkeypatch.setenv("HOSO_SOFFICE", str(soffice))
    done = run_cli("build", "-q", "-o", tmp_path / "out", example())
    assert done.code != 0 and "Traceback" not in done.err
    assert (
        "hoso.xlsx: Không khởi động được LibreOffice (soffice bị tạm dừng khi đang khởi động, "
        "bằng kill -STOP hay trình gỡ lỗi, nên chờ thêm cũng vô ích)." in done.out
    )


@pytest.mark.libreoffice
def test_recycles_worker_after_n_conversions(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 3)
    with LibreOfficePool(size=1, recycle_after=2) as pool:
        first = pool.convert(jobs[:2])
        pids_after_two = pool.soffice_pids()
        last = pool.convert(jobs[2:])  # the worker has done 2: it is replaced before the third
        pids_after_three = pool.soffice_pids()
        stats = pool.stats
    assert all(r.ok for r in first + last)
    assert stats.starts == 2 and stats.recycles == 1 and stats.crashes == 0
    assert len(pids_after_two) == len(pids_after_three) == 1
    assert pids_after_two != pids_after_three


@pytest.mark.libreoffice
def test_exception_inside_with_block_leaves_no_soffice(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 8)
    marker = tempfile.gettempdir()

    def explode(_: ConversionResult) -> None:
        assert soffice_processes(marker), "the workers should be running mid-batch"
        raise RuntimeError("lỗi giữa chừng")

    with pytest.raises(RuntimeError, match="lỗi giữa chừng"), LibreOfficePool(size=2) as pool:
        pool.convert(jobs, on_result=explode)
    assert soffice_processes(marker) == set()
    assert pool.process_groups() == []
    with pytest.raises(RuntimeError, match="closed"):
        pool.convert(jobs)


@pytest.mark.libreoffice
def test_ctrl_c_mid_batch_leaves_no_soffice(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 8)
    pool = LibreOfficePool(size=2)
    pressed: list[bool] = []

    def press_ctrl_c(_: ConversionResult) -> None:
        # A real SIGINT from another thread, so it lands while convert() waits for results.
        if not pressed:
            pressed.append(True)
            threading.Thread(target=os.kill, args=(os.getpid(), signal.SIGINT)).start()

    with pytest.raises(KeyboardInterrupt):
        pool.convert(jobs, on_result=press_ctrl_c)
    assert soffice_processes(tempfile.gettempdir()) == set()  # convert() closed the pool


OWNER_SCRIPT = """
import time
from pipeline.pdf.pool import LibreOfficePool
pool = LibreOfficePool(size=2)
pool.warm_up(wait=True)
print(len(pool.soffice_pids()), flush=True)
time.sleep(300)
"""


@pytest.mark.libreoffice
def test_owner_killed_by_sigkill_leaves_no_soffice_and_no_profile() -> None:
    marker = tempfile.gettempdir()
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": marker},  # so its profiles are marked as this test's
    )
    try:
        assert owner.stdout is not None and owner.stdout.readline().strip() == "2"
        assert soffice_processes(marker)
    finally:
        owner.kill()  # SIGKILL: no finally, atexit or finalizer runs in the owner
        owner.wait()
    # The UNO clients see EOF on stdin, kill their soffice and delete their profiles.
    deadline = time.monotonic() + 15
    while (
        soffice_processes(marker) or any(Path(marker).iterdir())
    ) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert soffice_processes(marker) == set()
    assert list(Path(marker).iterdir()) == []
    assert uno_sockets(owner.pid) == set()


# -- without LibreOffice -----------------------------------------------------------------------


def test_raise_on_failure_names_every_failed_document(tmp_path: Path) -> None:
    def result(label: str, ok: bool, attempts: int = 1) -> ConversionResult:
        job = ConversionJob(tmp_path / "a.docx", tmp_path / "a.pdf", label)
        return ConversionResult(job, ok, None if ok else "quá thời gian chờ 60 giây", 1.0, attempts)

    raise_on_failure([result("Tờ trình", True)])  # nothing failed: no exception
    with pytest.raises(ConversionError) as raised:
        raise_on_failure(
            [result("Tờ trình", True), result("Biên bản", False, 3), result("Báo cáo – Đức", False)]
        )
    message = str(raised.value)
    assert message.startswith("Không chuyển được sang PDF 2 tài liệu:")
    assert "“Biên bản”: quá thời gian chờ 60 giây (đã thử 3 lần)" in message
    assert "“Báo cáo – Đức”: quá thời gian chờ 60 giây" in message
    assert "Tờ trình" not in message


def test_fake_converter_writes_a4_pdfs_and_fails_or_hangs_on_request(tmp_path: Path) -> None:
    jobs = make_jobs(tmp_path, 3)
    fake: Converter = FakeConverter(fail={jobs[1].label}, hang={jobs[2].label})
    results = fake.convert(jobs)
    fake.close()
    assert [r.ok for r in results] == [True, False, False]
    assert results[2].attempts == 3 and "quá thời gian chờ" in (results[2].error or "")
    reader = PdfReader(jobs[0].target)
    assert len(reader.pages) == 1
    assert [round(float(v)) for v in reader.pages[0].mediabox.upper_right] == [595, 842]
    assert reader.metadata is not None and reader.metadata.title == jobs[0].label
    assert normalized(BODY) in normalized(reader.metadata.subject or "")
    assert not jobs[1].target.exists() and not jobs[2].target.exists()
