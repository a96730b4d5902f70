"""A period's dot-xet.toml that is there but is no file hoso can read (a folder of that name, a
link to nothing or to itself, a pipe) is said as what it is, with its path: never “không có
dot-xet.toml”, whose advice (hoso period init) would be refused."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import Run


def _said(result: Run) -> str:
    """The one error line of a refused command, its text joined."""
    assert result.code == 1, result.out + result.err
    assert "Traceback" not in result.err and "không có dot-xet.toml" not in result.err
    return " ".join(result.err.split())


@pytest.mark.parametrize("command", [("period", "check"), ("period", "build", "--no-pdf", "-q")])
def test_a_folder_named_dot_xet_toml_is_said_as_a_folder(period, run_cli, command) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    text = config.read_bytes()
    config.unlink()
    config.mkdir()
    assert _said(run_cli(*command, folder)) == (
        f"Lỗi: {config}: là một thư mục, không phải tệp cấu hình của đợt xét; hãy đổi tên hoặc "
        f"chuyển thư mục đó đi rồi đặt tệp dot-xet.toml vào {folder}."
    )
    (config / "dot-xet.toml").write_bytes(text)  # unzipped into a folder of its own name
    assert "(trong đó có tệp cùng tên: hãy chuyển tệp ấy ra ngoài)" in _said(
        run_cli(*command, folder)
    )
    assert not (folder / "ket-qua").exists()


def test_a_link_to_nothing_or_to_itself_and_a_pipe_are_said_as_such(period, run_cli) -> None:
    folder = period()
    config = folder / "dot-xet.toml"
    config.unlink()
    config.symlink_to("/khong-co/dot-xet.toml")
    assert _said(run_cli("period", "check", folder)) == (
        f"Lỗi: {config}: là liên kết (symlink) tới /khong-co/dot-xet.toml, nơi không có tệp nào; "
        "hãy thay liên kết bằng tệp dot-xet.toml của đợt xét."
    )
    config.unlink()
    config.symlink_to("dot-xet.toml")
    assert _said(run_cli("period", "check", folder)) == (
        f"Lỗi: {config}: không đọc được cấu hình đợt xét (liên kết (symlink) trỏ vòng, không dẫn "
        "tới tệp nào)."
    )
    config.unlink()
    os.mkfifo(config)
    assert _said(run_cli("period", "check", folder)) == (
        f"Lỗi: {config}: không phải một tệp thường (có thể là thiết bị, ống dẫn hay socket) nên "
        "không đọc được cấu hình đợt xét; hãy thay bằng tệp dot-xet.toml của đợt xét."
    )


def test_a_missing_dot_xet_toml_is_still_said_missing(period, run_cli) -> None:
    folder = period()
    (folder / "dot-xet.toml").unlink()
    shutil.rmtree(folder / "don-vi")
    result = run_cli("period", "check", folder)
    assert result.code == 1 and "Traceback" not in result.err
    assert f"{folder}: không có dot-xet.toml; tạo đợt xét bằng" in " ".join(result.err.split())
