"""`hoso period build --wait GIÂY`: as `hoso build --wait`, how long to wait for another build
writing the same results folder; a short wait with the folder held ends with a clear message,
a non-zero exit and the results left as they were. `hoso period certificates` takes it too."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, decide_here
from tests.test_period import fix_broken_unit
from tests.workers import files_of, lock_held


def _wait_help(text: str) -> str:
    """The --wait option's line(s) in a command's --help, spaces made one."""
    match = re.search(r"--wait GIÂY\s+(.*?)(?=\n\s*-|\Z)", text, re.S)
    assert match, text
    return " ".join(match.group(1).split())


def _given_up_while_held(run_cli: Callable[..., Run], results: Path, *args: str | Path) -> Run:
    """`hoso ARGS…` run while another build holds `results`: it gives up after its 0,2 seconds
    with the clear message and a non-zero exit, the results left as they were."""
    before = files_of(results)
    with lock_held(results):
        result = run_cli(*args)
    assert result.code not in (0, None), result.out + result.err
    assert (
        f"Lỗi: Thư mục kết quả {results} đang được một lần tạo hồ sơ khác ghi (đã chờ 0,2 giây); "
        "hãy chờ lần đó xong rồi chạy lại."
    ) in result.err, result.err
    assert "Traceback" not in result.out + result.err
    assert files_of(results) == before
    return result


def test_a_short_wait_with_the_results_folder_held_gives_up(built_period, run_cli) -> None:
    results = built_period / "ket-qua"
    command = ("period", "build", "--no-pdf", "-q", "--wait", "0.2", built_period)
    _given_up_while_held(run_cli, results, *command)


def test_the_wait_option_means_what_it_means_for_hoso_build(run_cli) -> None:
    period_help = run_cli("period", "build", "--help").out
    build_help = run_cli("build", "--help").out
    assert _wait_help(period_help) == _wait_help(build_help), period_help
    assert "Số giây chờ khi một lần tạo hồ sơ khác đang ghi" in _wait_help(period_help)


def test_a_negative_wait_is_refused_in_vietnamese(period, run_cli) -> None:
    result = run_cli("period", "build", "--no-pdf", "--wait", "-1", period())
    assert result.code == 2
    assert "--wait" in result.err and "Traceback" not in result.err, result.err


def test_certificates_take_the_same_wait_and_give_up_with_the_folder_held(period, run_cli) -> None:
    folder = period("muong-khuong-cds-2022-2025")
    decide_here(folder)
    fix_broken_unit(folder)
    results = folder / "ket-qua"
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 0
    result = _given_up_while_held(
        run_cli, results, "period", "certificates", "--wait", "0.2", folder
    )
    assert "Đã ghi" not in result.out
    certificates_help = run_cli("period", "certificates", "--help").out
    assert _wait_help(certificates_help) == _wait_help(run_cli("build", "--help").out)
