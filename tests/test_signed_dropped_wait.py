"""Signed PDFs dropped into da-ky/ are taken back under the output lock: a wait for another
build holding it is said ("đang chờ …"), as the build's own wait is, never a silent terminal."""

from __future__ import annotations

from pathlib import Path

from pipeline.build.progress import BUSY
from pipeline.period.config import UNITS_OUT
from tests.workers import hoso_process, lock_held


def test_hoso_build_says_it_waits_to_take_dropped_files_back(
    example, tmp_path: Path, run_cli
) -> None:
    out = tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, example()).code == 0
    (out / "hoso" / "da-ky").mkdir()
    (out / "hoso" / "da-ky" / "to-trinh-da-ky.pdf").write_bytes(b"%PDF-1.7\n")
    with lock_held(out):
        result = run_cli("build", "--no-pdf", "-q", "--wait", "0.2", "-o", out, example())
    assert result.code == 1
    assert result.err.startswith(BUSY)
    assert "đang được một lần tạo hồ sơ khác ghi (đã chờ 0,2 giây)" in result.err
    assert "Traceback" not in result.err


def test_period_build_says_it_waits_then_takes_the_dropped_file(built_period) -> None:
    units = built_period / "ket-qua" / UNITS_OUT
    unit = next(p for p in sorted(units.iterdir()) if (p / "manifest.json").is_file())
    (unit / "da-ky").mkdir(exist_ok=True)
    (unit / "da-ky" / "ban-ky.pdf").write_bytes(b"%PDF-1.7\n")  # not signed: refused, said
    with lock_held(units) as release:
        build, first = hoso_process("period", "build", "--no-pdf", "-q", built_period)
        release()  # the other build is over: this one goes on
        out, err = build.communicate(timeout=600)
    assert first == BUSY
    assert f"✗ {unit / 'da-ky' / 'ban-ky.pdf'}: từ chối, " in out
    # Dropped by hand and refused: said as such, the build going on (not "run the command again").
    assert (
        "Không nhận 1 tệp đặt trong da-ky/: hãy bỏ các tệp đó, hoặc thay bằng bản đã ký đúng của "
        "văn bản; hoso tiếp tục tạo hồ sơ.\n"
    ) in out
    assert "Traceback" not in err
