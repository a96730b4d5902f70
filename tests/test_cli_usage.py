"""A newcomer's usage mistakes with any command: one Vietnamese line saying what to do, under the
usage line, never click's English nor a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.inputs.plans import all_plans
from tests.conftest import BGM

ENGLISH = re.compile(r"\b(Error|Usage|Missing|Invalid|No such|does not|is a|Traceback)\b")


def _mistakes(tmp: Path) -> list[tuple[list[str | Path], str]]:
    """Commands as a newcomer mistypes them, and the line each must print."""
    (tmp / "ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
    (tmp / "thu-muc").mkdir()
    note, folder = tmp / "ghi-chu.txt", tmp / "thu-muc"
    return [
        # A file where a folder is expected (the output folder of package and signed add).
        (["package", note], f"'{note}' là một tệp; hãy chỉ một thư mục."),
        (["signed", "add", note], f"'{note}' là một tệp; hãy chỉ một thư mục."),
        (["period", "check", note], f"'{note}' là một tệp; hãy chỉ một thư mục."),
        (["verify", "--trust", note, "x.pdf"], f"'{note}' là một tệp; hãy chỉ một thư mục."),
        # A folder where a file is expected, a file that is not there.
        (["build", "--legal", folder, "x.xlsx"], f"'{folder}' là một thư mục; hãy chỉ một tệp."),
        (
            ["check", "--legal", tmp / "khong-co.toml", "x.xlsx"],
            f"'{tmp / 'khong-co.toml'}' không tồn tại; hãy kiểm tra tên và đường dẫn.",
        ),
        # A missing argument or option, an option hoso does not have.
        (["init", "--plan", BGM], "Thiếu tham số 'TỆP_EXCEL'."),
        (["signed", "add"], "Thiếu tham số 'THƯ_MỤC_KẾT_QUẢ'."),
        (["user", "token"], "Thiếu tham số 'TÊN'."),
        (["lint", "--sua"], "Không có tùy chọn '--sua'."),
        (["period", "init", "dot", "--plan"], "Tùy chọn '--plan' cần 1 giá trị."),
        # Words too many (a name with spaces, unquoted), a value that is not one of the choices.
        (
            ["plans", "show", "bac", "kan"],
            "Thừa tham số (kan); hãy bỏ đi, hoặc đặt tên có dấu cách trong ngoặc kép.",
        ),
        (
            ["sign", "--role", "ky", "x.pdf"],
            "Giá trị không hợp lệ cho '--role': không có giá trị 'ky'; hãy chọn một trong: "
            "'nguoi-ky', 'co-quan', 'dinh-kem', 'thu-truong-xac-nhan', 'don-vi-xac-nhan', "
            "'xac-nhan', 'xac-nhan-co-quan'.",
        ),
    ]


def test_each_usage_mistake_is_one_vietnamese_line_under_the_usage(tmp_path: Path, run_cli) -> None:
    for args, said in _mistakes(tmp_path):
        result = run_cli(*args)
        assert result.code == 2, (args, result.err)
        assert result.out == "", args
        errors = [line for line in result.err.splitlines() if line.startswith("Lỗi: ")]
        assert len(errors) == 1 and errors[0].endswith(said), (args, result.err)
        assert result.err.startswith(f"Cách dùng: hoso {args[0]}"), args
        assert not ENGLISH.search(result.err), (args, result.err)


@pytest.mark.parametrize("command", [["init", "ho-so.xlsx"], ["period", "init", "dot-xet"]])
def test_a_missing_plan_says_what_it_is_and_the_codes(command: list[str], run_cli) -> None:
    result = run_cli(*command)
    assert result.code == 2
    (line,) = [line for line in result.err.splitlines() if line.startswith("Lỗi: ")]
    assert line.startswith("Lỗi: Thiếu tùy chọn '--plan'. --plan MÃ chọn kế hoạch thi đua")
    codes = line.split("mã có sẵn: ", 1)[1].removesuffix(" (xem từng kế hoạch: hoso plans).")
    assert codes.split(", ") == [plan.id for plan in all_plans()]
    assert BGM in codes
    # The code it lists is one `hoso init` takes.
    assert run_cli(*command, "--plan", codes.split(", ")[0], "--help").code == 0


def test_an_unknown_plan_or_review_names_the_ones_there_are(tmp_path: Path, run_cli) -> None:
    result = run_cli("init", "--plan", "khong-co", tmp_path / "a.xlsx")
    assert result.code == 1 and result.err.startswith("Lỗi: Không có kế hoạch “khong-co”.")
    assert BGM in result.err
    result = run_cli("period", "init", "--plan", BGM, "--review", "khong-co", tmp_path / "dot")
    assert result.code == 1 and f"Kế hoạch {BGM} không có đợt xét “khong-co”. Các đợt: " in (
        result.err
    )
    assert not (tmp_path / "a.xlsx").exists() and not (tmp_path / "dot").exists()
