"""In the browser: the office's period page shows its documents run's live progress as the
clerk's build page does: queued, then waiting for another build of its folder (a striped bar
naming who holds it), then a bar with the documents made so far, then the run's files."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from pathlib import Path

import pytest

from tests.workers import (
    build_holding,
    demo_login,
    holding,
    job_finished,
    redis_server,
    serving,
    workers,
)

pytestmark = [pytest.mark.browser, pytest.mark.libreoffice]

SCREENS = Path(__file__).resolve().parent.parent / "output" / "web-screens"
PART = "#van-ban-dot-xet"


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.getElementById('van-ban').scrollIntoView()")  # the section on top
    page.screenshot(path=str(SCREENS / f"{name}.png"))


def _words(page, selector: str) -> str:  # type: ignore[no-untyped-def]
    return " ".join(page.locator(selector).inner_text().split())


def test_the_office_watches_the_period_run_queue_wait_make_its_documents_and_finish(
    browser, tmp_path: Path
) -> None:
    data = tmp_path / "du-lieu"
    # Redis, so that `hoso serve` starts no worker of its own: the run stays queued until the
    # test's worker starts, after another build has taken the run's folder.
    with (
        redis_server(tmp_path / "redis") as url,
        serving(data, tmp_path / "serve.log", url) as server,
    ):
        page = demo_login(browser, server, "thidua")
        page.goto(f"{server}/dot-xet/vi-du/")
        page.click("text=Tạo văn bản của đợt")
        page.wait_for_url("**/dot-xet/vi-du/#van-ban")
        assert page.locator(f"{PART} [data-status]").get_attribute("data-status") == "queued"
        assert _words(page, f"{PART} [data-status]") == "chờ đến lượt"
        bar = page.locator(f"{PART} #thanh-tien-do[role=progressbar]")
        assert bar.get_attribute("class") == "progress"
        assert bar.get_attribute("aria-label") == "Tiến độ tạo văn bản của đợt"
        # Nothing counted yet: said in words, not "0/0".
        assert _words(page, f"{PART} #dem-van-ban") == "Chưa tạo văn bản nào: đang chờ đến lượt."
        _shot(page, "dot-xet-cho-den-luot")
        holder = build_holding(_run_folder(data))
        with holding(holder) as release, workers(data, url, 1, tmp_path / "logs"):
            said = page.locator(f"{PART} #cho-thu-muc[role=status]")
            _until(page, f"{PART} #cho-thu-muc")
            text = " ".join(said.inner_text().split())
            assert text.startswith("Đang chờ: thư mục kết quả của việc này đang được dùng bởi ")
            assert text.endswith(f"tiến trình {holder.pid}); việc này tự tiếp tục khi lần đó xong.")
            assert bar.get_attribute("class") == "progress cho" and bar.inner_text() == "Đang chờ"
            assert bar.get_attribute("aria-valuenow") is None
            assert _words(page, f"{PART} #dem-van-ban") == (
                "Chưa tạo văn bản nào: đang chờ thư mục kết quả được dùng xong."
            )
            assert bar.get_attribute("aria-valuetext") == (
                "Đang chờ lần tạo hồ sơ khác dùng xong thư mục kết quả"
            )
            _shot(page, "dot-xet-cho-thu-muc")
            release()
            # Going on: the ordinary bar, its share, and the documents made so far of how many.
            counted = page.locator(f"{PART} #dem-van-ban", has_text=re.compile(r" [1-9]\d*/\d+ "))
            _until(page, f"{PART} #dem-van-ban:text-matches(' [1-9][0-9]*/[0-9]+ ')")
            done, total = map(int, re.findall(r"(\d+)/(\d+)", counted.inner_text())[0])
            assert 0 < done <= total
            assert page.locator(f"{PART} #cho-thu-muc").count() == 0
            assert bar.get_attribute("class") == "progress"
            assert 0 <= int(bar.get_attribute("aria-valuenow") or "-1") <= 100
            _shot(page, "dot-xet-dang-tao")
            job_finished(page, PART)
        page.wait_for_selector(f"{PART} #tep-dot-xet")  # the whole page redrawn with its files
        assert page.locator("#thanh-tien-do").count() == 0  # done: no bar, no count
        assert page.locator("#dem-van-ban").count() == 0
        assert _words(page, f"{PART} [data-status]") == "xong"
        _shot(page, "dot-xet-xong")


def _until(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Wait until `selector` is on the page, failing at once with the page's words if the run
    ends before (a failed run says why)."""
    ended = f"{PART} [data-status=done], {PART} [data-status=failed]"
    page.wait_for_selector(f"{selector}, {ended}", timeout=600_000)
    assert page.locator(selector).count(), page.inner_text(PART)


def _run_folder(data: Path) -> Path:
    """The folder of the period's only run, as the server's record names it (made by the
    worker, or by the first look at a run that carries on from a last one)."""
    with contextlib.closing(sqlite3.connect(data / "hoso.sqlite3")) as db:
        ((folder,),) = db.execute("SELECT folder FROM web_periodrun").fetchall()
    return data / folder
