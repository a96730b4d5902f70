"""`hoso period build` is all or nothing: when a file of the period cannot be written, the results
folder stays as the last build left it (no unit's dossier rebuilt or withdrawn, no document of the
office), the message names the file and says nothing changed, and no staging folder is left."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.test_period import units

VI_DU = "vi-du-xa-bu-gia-map-2026"  # decides its Giấy khen: register besides the statistics


def _tree(out: Path) -> dict[str, bytes | None]:
    """Every path under `out` with its bytes (None for a folder); hoso's lock file aside."""
    return {
        p.relative_to(out).as_posix(): None if p.is_dir() else p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.name != ".hoso.lock"
    }


def _block(target: Path) -> None:
    """A folder where hoso writes a file, or a file where it makes a folder (as a user's copy
    or a sync tool may leave): it cannot be written, even by root."""
    if target.is_file():
        target.unlink()
        target.mkdir()
        (target / "cua-toi.txt").write_text("tệp của người dùng", encoding="utf-8")
    else:
        shutil.rmtree(target)
        target.write_text("tệp của người dùng", encoding="utf-8")


@pytest.mark.parametrize(
    ("blocked", "said"),
    [
        ("tong-hop/thong-ke.xlsx", "Không ghi được {target}: đây là thư mục, không phải tệp."),
        ("tong-hop/so-theo-doi-khen-thuong.xlsx", "Không ghi được {target}"),
        ("tong-hop", "Thư mục kết quả {target} là một tệp, không phải thư mục"),
    ],
)
def test_a_file_that_cannot_be_written_leaves_the_last_results_unchanged(
    period, run_cli, blocked: str, said: str
) -> None:
    folder = period(VI_DU)
    out = folder / "ket-qua"
    run_cli("period", "build", "--no-pdf", "-q", folder)  # 1: the example has a unit in error
    target = out / blocked
    assert target.exists()
    _block(target)
    # The next build would withdraw a unit's dossier and rebuild the office's documents.
    withdrawn = units(folder)[0]
    withdrawn.unlink()
    before = _tree(out)
    assert f"don-vi/{withdrawn.stem}/manifest.json" in before

    result = run_cli("period", "build", "--no-pdf", "-q", "--force", folder)

    shown = result.out + result.err
    assert said.format(target=target) in shown, shown
    assert f"Chưa thay đổi gì trong {out}: kết quả của lần tạo trước vẫn giữ nguyên." in shown
    assert ".hoso-tmp" not in shown and "Traceback" not in shown, shown
    assert _tree(out) == before
    assert result.code != 0
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".hoso")) == []


def test_a_build_that_succeeds_swaps_in_the_new_results_with_the_user_s_files(
    period, run_cli
) -> None:
    folder = period(VI_DU)
    out = folder / "ket-qua"
    run_cli("period", "build", "--no-pdf", "-q", folder)
    mine = out / "tong-hop" / "ghi-chu-cua-toi.txt"
    mine.write_text("ghi chú của văn thư", encoding="utf-8")
    withdrawn = units(folder)[0]
    withdrawn.unlink()

    result = run_cli("period", "build", "--no-pdf", "-q", folder)

    assert "Chưa thay đổi gì" not in result.out + result.err
    assert not (out / "don-vi" / withdrawn.stem).exists()
    assert mine.read_text(encoding="utf-8") == "ghi chú của văn thư"
    assert ".hoso-tmp" not in result.out + result.err
    assert f"→ {out / 'tong-hop'}" in result.out, result.out
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".hoso")) == []
