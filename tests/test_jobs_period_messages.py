"""What a period's job says when something was not made, as the office reads it: Vietnamese,
the reason with it, files named inside the period or results folder, never the path of the
machine that ran the job (whoever shows the message: the web page, another caller)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.jobs import open_queue
from pipeline.jobs.naming import named_folders
from pipeline.period.check import check_period
from pipeline.period.config import load_period
from tests.workers import workers

pytestmark = pytest.mark.libreoffice
TIMEOUT = 600  # seconds a test waits for a job before failing (a shared, busy machine)
FIRST = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"  # the example's first unit
SECOND = "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"
ERRING = "Ủy ban nhân dân xã Phú Nghĩa"  # the example's unit with an error in its workbook
LAST = "Ủy ban nhân dân xã Đức Hạnh"  # its last workbook, valid


def test_a_period_job_says_what_it_could_not_make_without_the_server_s_path(
    period, tmp_path: Path
) -> None:
    folder, data = period(), tmp_path / "data"
    first = sorted((folder / "don-vi").glob("*.xlsx"))[0]
    out = data / "lan-1"
    (out / "don-vi").mkdir(parents=True)
    (out / "don-vi" / first.stem).write_text("một tệp ở chỗ thư mục kết quả của đơn vị")
    broken = tmp_path / "dot-hong"
    broken.mkdir()
    (broken / "dot-xet.toml").write_text("[office\n", encoding="utf-8")
    queue = open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        made = queue.wait(queue.submit_period(folder, out, pdf=False), TIMEOUT)
        refused = queue.wait(queue.submit_period(broken, data / "lan-2", pdf=False), TIMEOUT)
    assert made.status == "done", (made, worker.output())
    lines = made.message.splitlines()
    assert lines[0] == (
        "Có đơn vị còn lỗi (Ủy ban nhân dân xã Phú Nghĩa): văn bản của họ chưa tạo."
    ), made.message
    # The unit named as dot-xet.toml names it, with its workbook's file; never "don-vi/…", which
    # a clerk takes for the period's folder of the units' workbooks.
    assert lines[1].startswith(
        f"Không tạo được hồ sơ của {FIRST} (tệp {first.name}): Đã có tệp “{first.stem}” (trong "
        "thư mục kết quả) trùng tên với thư mục kết quả của tệp Excel này"
    ), made.message
    assert str(tmp_path) not in made.message and "don-vi/" not in made.message
    assert refused.status == "failed", (refused, worker.output())
    assert refused.message.startswith(
        "Không tạo được văn bản của đợt: dot-xet.toml: tệp cấu hình đợt xét không phải TOML hợp "
        "lệ ở dòng 1"
    ), refused.message
    assert str(tmp_path) not in refused.message


def test_a_period_job_names_the_unit_whose_old_documents_it_took_away(
    period, tmp_path: Path
) -> None:
    folder, data = period(), tmp_path / "data"
    _, second, *_, last = sorted((folder / "don-vi").glob("*.xlsx"))
    shutil.copy(last, last.with_name(f"{last.stem} (1).xlsx"))  # a unit's second workbook
    out = data / "lan-1"
    queue = open_queue(data)
    with workers(data, None, 1, tmp_path / "logs") as (worker,):
        first = queue.wait(queue.submit_period(folder, out, pdf=False), TIMEOUT)
        assert first.status == "done", (first, worker.output())
        assert (out / "don-vi" / second.stem).is_dir()
        second.rename(tmp_path / second.name)  # sent back to the unit, say
        again = queue.wait(queue.submit_period(folder, out, pdf=False), TIMEOUT)
    assert again.status == "done", (again, worker.output())
    lines = again.message.splitlines()
    # The copy is named so: its unit, whose own workbook is valid, is not one with errors.
    assert lines[0] == (
        f"Có đơn vị còn lỗi ({ERRING}, {LAST} (tệp thứ hai, không tính)): văn bản của họ chưa tạo."
    ), again.message
    assert (
        "Đã bỏ văn bản cũ không còn đúng mà lần này không tạo lại: thư mục văn bản của "
        f"{SECOND} (tệp {second.name}). Chúng do hoso tạo"
    ) in again.message, again.message
    # Neither "don-vi/…" nor the server's folders, the run's own included (a random name).
    assert "don-vi/" not in again.message and str(tmp_path) not in again.message
    assert "lan-1" not in again.message


def test_a_unit_s_results_folder_is_named_by_its_unit_wherever_it_stands(period) -> None:
    checked = check_period(load_period(period()))
    first = sorted((checked.period.units_dir).glob("*.xlsx"))[0]
    named = f"thư mục văn bản của {FIRST} (tệp {first.name})"
    said = named_folders(
        f"trong: don-vi/{first.stem}/ → cu/don-vi/{first.stem}/. (don-vi/{first.stem}) "
        "don-vi/99-da-rut/: Tờ trình",
        checked,
    )
    assert said == (
        f"trong: {named} → cu/don-vi/{first.stem}/. ({named}) thư mục văn bản của tệp "
        "“99-da-rut” (không còn trong đợt): Tờ trình"
    )
