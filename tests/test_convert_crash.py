"""A document LibreOffice dies on, every time: in a combined group, and in a build of several
workbooks. Real LibreOffice (Debian's 7.4 aborts on a DOCX with a Word comment, which the pool
takes out first unless these tests stop it), real documents (the examples' DOCX).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX
from pipeline.pdf import worker as worker_module
from pipeline.pdf.combine import combine_key, read_package
from pipeline.pdf.combined import GROUP_FAILED, CombiningConverter
from pipeline.pdf.converter import ConversionJob
from pipeline.pdf.pool import LibreOfficePool
from pipeline.pdf.worker import Worker
from tests.test_combined_convert import BGM, MK
from tests.test_convert import no_soffice_left_behind
from tests.test_pdf_comments import commented_copy

__all__ = ["no_soffice_left_behind"]  # the autouse fixture: no soffice or profile left behind

pytestmark = pytest.mark.libreoffice
STOPPED = "LibreOffice dừng đột ngột khi chuyển tệp"


@pytest.fixture
def comments_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the pool did not recognise Word comments: LibreOffice aborts on every such file."""
    monkeypatch.setattr(worker_module, "has_comments", lambda _: False)


def _dying_on(text: str) -> Callable[[Worker, Path], Path]:
    """A worker's `_openable` that gives LibreOffice a commented copy of every DOCX with `text`
    (alone or in a combined document), as if it made LibreOffice die (a template cannot carry a
    comment: the build refuses it before rendering)."""

    def openable(worker: Worker, source: Path) -> Path:
        # The words as typed in the XML, spaces perhaps non-breaking (typography keeps a title's
        # words together).
        words = rb"(?:\s|\xc2\xa0)".join(re.escape(w.encode()) for w in text.split())
        if not re.search(words, read_package(source).document) or worker.home is None:
            return source
        folder = worker.home / f"plain-{worker._next_id}"  # removed by the worker after use
        folder.mkdir()
        return commented_copy(source, folder / source.name)

    return openable


def _reports(example_cache: Callable[[str], Path], out: Path) -> list[Path]:
    """The example's achievement reports (one template, so they are joined) as DOCX."""
    report = build([example_cache(BGM)], BuildOptions(out_dir=out, pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    return sorted(out.rglob("bao-cao/*.docx"))


def _with_anchor(plain: Path, commented: Path, target: Path) -> Path:
    """`plain`'s text in `commented`'s package: the same parts as a commented document's, its
    comment anchored nowhere, so it is joined with it and prints as `plain`."""
    with (
        zipfile.ZipFile(commented) as source,
        zipfile.ZipFile(plain) as own,
        zipfile.ZipFile(target, "w") as archive,
    ):
        for info in source.infolist():
            mine = info.filename in ("word/document.xml", "docProps/core.xml")
            archive.writestr(info, (own if mine else source).read(info.filename))
    return target


@pytest.mark.usefixtures("comments_kept")
def test_a_group_libreoffice_dies_on_is_converted_alone_and_the_file_given_up_twice(
    example_cache, tmp_path: Path
) -> None:
    reports = _reports(example_cache, tmp_path / "docx")[:4]
    bad = commented_copy(reports[1], tmp_path / "gop-y.docx")
    docx = [_with_anchor(d, bad, tmp_path / f"{i}.docx") for i, d in enumerate(reports)]
    docx[1] = bad
    assert len({combine_key(read_package(d)) for d in docx}) == 1  # one combined document
    jobs = [
        ConversionJob(d, tmp_path / "pdf" / f"{i}.pdf", f"Báo cáo thành tích {i}")
        for i, d in enumerate(docx)
    ]
    with LibreOfficePool(size=1) as pool:
        results = CombiningConverter(pool, lanes=1).convert(jobs)
        stats = pool.stats
    assert [r.ok for r in results] == [True, False, True, True]
    assert [r.fallback for r in results] == [GROUP_FAILED] * 4
    failed = results[1]
    assert failed.error == f"{STOPPED} gop-y.docx" and failed.attempts == 2
    # Once on the combined document, twice on the file alone; never again on the same crash.
    assert stats.crashes == 3
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["0.pdf", "2.pdf", "3.pdf"]
    for job in (jobs[0], jobs[2], jobs[3]):
        text = PdfReader(job.target).pages[0].extract_text()
        assert "BÁO CÁO THÀNH TÍCH" in " ".join(text.split())  # non-breaking spaces as spaces


def test_a_workbook_libreoffice_dies_on_fails_alone_and_leaves_nothing_half_written(
    example_cache, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only Mường Khương's plan prints a Trích ngang: its workbook fails, Bù Gia Mập's is built.
    monkeypatch.setattr(Worker, "_openable", _dying_on("TRÍCH NGANG THÀNH TÍCH"))
    bgm, mk = tmp_path / "bu-gia-map.xlsx", tmp_path / "muong-khuong.xlsx"
    shutil.copy(example_cache(BGM), bgm)
    shutil.copy(example_cache(MK), mk)
    out = tmp_path / "out"
    result = run_cli("build", "-q", "-o", out, bgm, mk)
    assert result.code == 1, result.out + result.err
    lines = result.out.splitlines()
    failed = [line for line in lines if line.startswith(f"✗ {mk}:")]
    assert len(failed) == 1, result.out
    assert failed[0].startswith(f"✗ {mk}: Không chuyển được sang PDF tài liệu “"), failed[0]
    assert f"”: {STOPPED} " in failed[0] and "trich-ngang.docx (đã thử 2 lần)." in failed[0]
    assert any(line.startswith("Xong 1/2 tệp") for line in lines), result.out
    assert f"  {bgm} → {out / 'bu-gia-map'}" in lines
    assert (out / "bu-gia-map" / "ho-so-tong-hop.pdf").is_file()
    # Nothing of the workbook that failed: no folder, no staging copy, no partial PDF.
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "bu-gia-map"]
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".") and p.name != LOCK_NAME]
    assert not leftovers, leftovers  # staging and old folders, partial PDFs: all start with "."
    assert STAGING_PREFIX.startswith(".") and OLD_PREFIX.startswith(".")
