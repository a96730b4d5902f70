"""DOCX files with Word comments through the real LibreOffice pool.

Headless LibreOffice 7.4 from Debian aborts on opening a DOCX with a comment; the pool converts
a copy without its comments (they never print), and when LibreOffice dies anyway the worker is
restarted and the person reads which file it died on, in Vietnamese.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from pipeline.errors import ConversionError
from pipeline.pdf import worker as worker_module
from pipeline.pdf.comments import has_comments
from pipeline.pdf.converter import ConversionJob, raise_on_failure
from pipeline.pdf.pool import LibreOfficePool
from pipeline.pdf.split import signature
from tests.test_convert import BODY, make_docx, no_soffice_left_behind, normalized

__all__ = ["no_soffice_left_behind"]  # the autouse fixture: no soffice or profile left behind

NOTE = "Anh xem lại chức vụ của người ký giúp em"

pytestmark = pytest.mark.libreoffice


def commented_copy(source: Path, target: Path) -> Path:
    """A copy of `source` with a Word comment on its first paragraph, as Word's Review adds."""
    document = Document(str(source))
    document.add_comment(document.paragraphs[0].runs, text=NOTE, author="Văn thư", initials="VT")
    document.save(str(target))
    return target


def test_a_docx_with_a_comment_converts_as_it_would_without(tmp_path: Path) -> None:
    plain = make_docx(tmp_path / "to-trinh.docx", pages=2)
    commented = commented_copy(plain, tmp_path / "to-trinh-gop-y.docx")
    assert has_comments(commented) and not has_comments(plain)
    jobs = [
        ConversionJob(plain, tmp_path / "pdf" / "khong-gop-y.pdf", "Tờ trình"),
        ConversionJob(commented, tmp_path / "pdf" / "gop-y.pdf", "Tờ trình có góp ý"),
    ]
    with LibreOfficePool(size=1) as pool:
        results = pool.convert(jobs)
        stats = pool.stats
    assert [r.error for r in results] == [None, None]
    assert stats.crashes == 0 and stats.starts == 1
    text = normalized(" ".join(p.extract_text() for p in PdfReader(jobs[1].target).pages))
    assert normalized(BODY) in text and NOTE not in text  # a comment never prints
    mine, theirs = signature(jobs[1].target), signature(jobs[0].target)
    assert mine.pages == theirs.pages and mine.fonts == theirs.fonts
    assert has_comments(commented)  # the clerk's file keeps its comment


def test_libreoffice_dying_on_a_file_is_restarted_and_names_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if comments were not recognised: the real LibreOffice aborts on this file every time.
    monkeypatch.setattr(worker_module, "has_comments", lambda _: False)
    before = make_docx(tmp_path / "bao-cao.docx")
    commented = commented_copy(before, tmp_path / "bien-ban-gop-y.docx")
    after = shutil.copy(before, tmp_path / "danh-sach.docx")
    jobs = [
        ConversionJob(path, tmp_path / "pdf" / f"{path.stem}.pdf", label)
        for path, label in ((before, "Báo cáo"), (commented, "Biên bản"), (after, "Danh sách"))
    ]
    with LibreOfficePool(size=1, retries=1) as pool:
        results = pool.convert(jobs)
        stats = pool.stats
    assert [r.ok for r in results] == [True, False, True]
    assert stats.crashes == 2 and stats.starts == 3  # restarted after each abort
    assert not jobs[1].target.exists()
    with pytest.raises(ConversionError) as raised:
        raise_on_failure(results)
    assert str(raised.value) == (
        "Không chuyển được sang PDF tài liệu “Biên bản”: LibreOffice dừng đột ngột khi chuyển tệp "
        "bien-ban-gop-y.docx (đã thử 2 lần)."
    )


def test_a_file_libreoffice_dies_on_twice_is_not_tried_a_third_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_module, "has_comments", lambda _: False)
    commented = commented_copy(make_docx(tmp_path / "bao-cao.docx"), tmp_path / "gop-y.docx")
    after = make_docx(tmp_path / "danh-sach.docx")
    jobs = [
        ConversionJob(commented, tmp_path / "pdf" / "bien-ban.pdf", "Biên bản"),
        ConversionJob(after, tmp_path / "pdf" / "danh-sach.pdf", "Danh sách"),
    ]
    with LibreOfficePool(size=1) as pool:  # the default: two retries
        assert pool.retries == 2
        results = pool.convert(jobs)
        stats = pool.stats
    assert [r.ok for r in results] == [False, True]
    assert results[0].attempts == 2
    assert stats.crashes == 2 and stats.starts == 3  # no third restart for the same crash
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == ["danh-sach.pdf"]
