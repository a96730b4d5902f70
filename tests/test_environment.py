"""The user's environment, never a traceback: folders that cannot be written or read, a full disk,
files where folders should be, permissions of what hoso writes, and click's words in Vietnamese."""

from __future__ import annotations

import ast
import ctypes
import errno
import hashlib
import os
import pathlib
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME, OLD_PREFIX, STAGING_PREFIX
from pipeline.cli import vietnamese_click
from pipeline.inputs.plans import all_plans
from pipeline.pdf.converter import ConversionResult
from tests.conftest import BGM, Run, edit
from tests.fakes import FakeConverter
from tests.test_clerk_habits import put_form

HOSO = Path(sys.executable).with_name("hoso")
PERMISSION = "không có quyền"

# -- running as an ordinary user -------------------------------------------------------------

# Linux capabilities that let root ignore permission bits (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)
# and prctl's PR_CAPBSET_DROP: a process that drops them from its bounding set before exec runs
# hoso as an ordinary user would, with permission bits enforced, even as root.
DAC_CAPABILITIES = (1, 2)
PR_CAPBSET_DROP = 24


def _drop_privileges() -> None:
    """Runs in the child between fork and exec: root loses the right to ignore permissions."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in DAC_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_unprivileged(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a program as an ordinary user: as it is, or as root without its DAC capabilities."""
    preexec = _drop_privileges if os.geteuid() == 0 else None
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        preexec_fn=preexec,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def as_user(tmp_path: Path) -> Callable[..., Run]:
    """Run `hoso ARGS…` in a subprocess where permission bits apply (skipped when impossible)."""
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o555)
    try:
        tried = _run_unprivileged(
            [sys.executable, "-c", "import sys; open(sys.argv[1] + '/x', 'w')", probe], tmp_path
        )
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot drop the privilege to ignore permissions: {exc}")
    finally:
        probe.chmod(0o755)
    if tried.returncode == 0 or "PermissionError" not in tried.stderr:
        pytest.skip("permission bits are not enforced for this user (root with capabilities)")

    def run(*args: str | Path) -> Run:
        done = _run_unprivileged([HOSO, *args], tmp_path)
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    """Make folders or files read-only (or unreadable) for the test; restored afterwards."""
    changed: list[tuple[Path, int]] = []

    def make(path: Path, mode: int = 0o555) -> Path:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(mode)
        return path

    yield make
    for path, mode in reversed(changed):
        path.chmod(mode)


def _clean(result: Run) -> None:
    """No traceback, no internal staging name, and text in NFC."""
    for text in (result.out, result.err):
        assert "Traceback" not in text
        assert STAGING_PREFIX not in text and OLD_PREFIX not in text
        assert unicodedata.is_normalized("NFC", text)


def _tree(folder: Path) -> dict[str, str]:
    """Every file under a folder with its sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# -- the output folder -----------------------------------------------------------------------


def test_a_read_only_output_folder_is_named(example, tmp_path: Path, as_user, read_only) -> None:
    workbook, out = example(), tmp_path / "out"
    out.mkdir()
    read_only(out)
    result = as_user("build", "--no-pdf", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Không ghi được vào thư mục kết quả {out}: không có quyền ghi "
        "(hãy kiểm tra quyền của thư mục hoặc tệp).\n"
    )
    assert list(out.iterdir()) == []


def test_a_read_only_batch_parent_keeps_the_previous_output(
    example, tmp_path: Path, as_user, read_only
) -> None:
    """The lock can be taken (it exists), but no staging folder can be made beside the output."""
    workbook, out = example(), tmp_path / "out"
    assert build([workbook], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    (out / LOCK_NAME).chmod(0o666)
    before = _tree(out / "hoso")
    read_only(out)
    result = as_user("build", "--no-pdf", "--force", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert (
        f"✗ {workbook}: Không ghi được {out / 'hoso'}: không có quyền ghi (hãy kiểm tra quyền của "
        "thư mục hoặc tệp). Kết quả trước đó (nếu có) vẫn giữ nguyên." in result.out
    )
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == before


def test_an_output_folder_that_is_a_file(example, tmp_path: Path, run_cli) -> None:
    out = tmp_path / "ket-qua"
    out.write_text("not a folder")
    result = run_cli("build", "--no-pdf", "-q", "-o", out, example())
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Thư mục kết quả {out} là một tệp, không phải thư mục; "
        "hãy chọn thư mục khác bằng -o.\n"
    )
    assert out.read_text() == "not a folder"


def test_an_output_folder_inside_a_file(example, tmp_path: Path, run_cli) -> None:
    (tmp_path / "ket-qua").write_text("not a folder")
    out = tmp_path / "ket-qua" / "dot-1"
    result = run_cli("build", "--no-pdf", "-q", "-o", out, example())
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Không ghi được vào thư mục kết quả {out}: "
        "một phần của đường dẫn là tệp, không phải thư mục.\n"
    )


def test_a_file_with_the_batch_folders_name_is_never_replaced(
    example, tmp_path: Path, run_cli
) -> None:
    """A clerk's own file named like a batch folder: that batch is refused, naming the file; the
    file stays as it was, visible; the other workbooks are built."""
    out, workbook, other = tmp_path / "out", example(), example(name="xa-2.xlsx")
    out.mkdir()
    (out / "hoso").write_text("ghi chú của văn thư")
    result = run_cli("build", "--no-pdf", "-q", "-o", out, workbook, other)
    _clean(result)
    assert result.code == 1
    assert (
        f"✗ {workbook}: Đã có tệp {out / 'hoso'} trùng tên với thư mục kết quả của tệp Excel "
        "này; hoso không ghi đè hay ẩn tệp đó. Hãy đổi tên hoặc chuyển tệp đó đi (hoặc chọn thư "
        "mục kết quả khác) rồi chạy lại. (các ô trong tệp: 0 lỗi, 5 cảnh báo)\n" in result.out
    )
    assert f"✓ {workbook}" not in result.out
    assert f"  {other} → {out / 'xa-2'}\n" in result.out
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso", "xa-2"]
    assert (out / "hoso").read_text() == "ghi chú của văn thư"


def test_a_folder_hoso_did_not_make_is_never_replaced(example, tmp_path: Path, run_cli) -> None:
    """A folder of the clerk's own with the batch's name (no manifest.json): kept, not emptied."""
    out, workbook = tmp_path / "out", example()
    (out / "hoso").mkdir(parents=True)
    (out / "hoso" / "ghi-chu.txt").write_text("ghi chú của văn thư")
    result = run_cli("build", "--no-pdf", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert (
        f"✗ {workbook}: Đã có thư mục {out / 'hoso'} không do hoso tạo (không có manifest.json); "
        "hoso không ghi đè thư mục đó. Hãy đổi tên hoặc chuyển thư mục đó đi (hoặc chọn thư mục "
        "kết quả khác) rồi chạy lại. (các ô trong tệp: 0 lỗi, 5 cảnh báo)\n" in result.out
    )
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == {
        "ghi-chu.txt": hashlib.sha256("ghi chú của văn thư".encode()).hexdigest()
    }


def test_a_file_put_in_the_batch_folders_place_during_the_build_is_kept(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file appears while the batch is being built: the swap refuses it all the same."""
    import pipeline.build.stages as stages

    out, workbook = tmp_path / "out", example()
    real = stages.bundle

    def bundle_then_a_file_appears(*args, **kwargs):
        (out / "hoso").write_text("tệp vừa chép vào")
        return real(*args, **kwargs)

    monkeypatch.setattr(stages, "bundle", bundle_then_a_file_appears)
    result = run_cli("build", "--no-pdf", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert f"✗ {workbook}: Đã có tệp {out / 'hoso'} trùng tên với thư mục kết quả" in result.out
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert (out / "hoso").read_text() == "tệp vừa chép vào"


# -- hoso init -------------------------------------------------------------------------------


def test_init_into_a_read_only_folder(tmp_path: Path, as_user, read_only) -> None:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    read_only(folder)
    target = folder / "de-nghi.xlsx"
    result = as_user("init", "--plan", BGM, target)
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Không tạo được {target}: không có quyền tạo "
        "(hãy kiểm tra quyền của thư mục hoặc tệp).\n"
    )
    assert list(folder.iterdir()) == []


def test_init_under_a_file(tmp_path: Path, run_cli) -> None:
    (tmp_path / "tep").write_text("a file")
    target = tmp_path / "tep" / "con" / "de-nghi.xlsx"
    result = run_cli("init", "--plan", BGM, target)
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Không tạo được {target}: {tmp_path / 'tep'} là một tệp, không phải thư mục.\n"
    )


def test_init_into_a_folder_that_does_not_exist(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "khong-co" / "de-nghi.xlsx"
    result = run_cli("init", "--plan", BGM, target)
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: Không tạo được {target}: thư mục {target.parent} không tồn tại; "
        "hãy tạo thư mục trước hoặc chọn thư mục khác.\n"
    )
    assert not target.parent.exists()


# hoso's own entry point where the file written beside the workbook is /dev/full: every write
# into it fails as on a full disk (ENOSPC from the kernel), flushes and closes as well.
ONTO_A_FULL_DISK = """
import io, os, sys
real = io.open

def full_open(file, mode="r", *args, **kwargs):
    name = os.path.basename(os.fspath(file)) if isinstance(file, (str, os.PathLike)) else ""
    if "w" in mode and name.startswith(".de-nghi."):
        return real("/dev/full", mode, *args, **kwargs)
    return real(file, mode, *args, **kwargs)

io.open = full_open
sys.argv = ["hoso", *sys.argv[1:]]
from pipeline.cli import main
main()
"""


def test_init_on_a_full_disk_leaves_nothing_and_says_it_once(tmp_path: Path) -> None:
    """The workbook's bytes meet a full disk: one Vietnamese line, no English "Exception ignored"
    from a zip file left open, and neither the workbook nor its temporary file left behind."""
    target = tmp_path / "de-nghi.xlsx"
    done = subprocess.run(
        [sys.executable, "-c", ONTO_A_FULL_DISK, "init", "--plan", BGM, str(target)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"Lỗi: Không ghi được {target}: ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại.\n"
    )
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("encoding", ["cp1258", "cp1252"])
def test_output_sent_to_a_file_in_a_windows_code_page_is_written_in_utf8(
    encoding: str, example
) -> None:
    """`hoso check de-nghi.xlsx > loi.txt` on Windows: Python writes the file in the ANSI code
    page (Vietnamese Windows: cp1258), which has no "✓" nor most Vietnamese letters; hoso
    writes UTF-8 there instead of stopping on an English UnicodeEncodeError."""
    path = example()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "check",
            str(path.parent / "khong-co.xlsx"),
            str(path),
        ],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        timeout=120,
    )
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert f"✓ {path}: 0 lỗi, 5 cảnh báo" in out.splitlines()
    assert f"✗ {path.parent / 'khong-co.xlsx'}: không tìm thấy tệp." in out.splitlines()
    assert "Traceback" not in err


# -- inputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_without_workbooks(command: str, tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    (folder / "ghi-chu.txt").write_text("not a workbook")
    result = run_cli(command, folder, *(["-o", tmp_path / "out"] if command == "build" else []))
    _clean(result)
    assert result.code == 2
    assert result.err == f"Lỗi: Thư mục {folder} không có tệp Excel (.xlsx) nào.\n"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_unreadable_workbook(command: str, example, tmp_path: Path, as_user, read_only) -> None:
    workbook = read_only(example(), 0o000)
    out = tmp_path / "out"
    result = as_user(
        command, workbook, *(["--no-pdf", "-q", "-o", out] if command == "build" else [])
    )
    _clean(result)
    assert result.code == 2
    assert (
        f"✗ {workbook}: không có quyền đọc (hãy kiểm tra quyền của thư mục hoặc tệp)." in result.out
    )
    assert not (out / "hoso").exists()


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_workbook_in_a_folder_that_cannot_be_entered_is_that_file_s_problem(
    command: str, example, tmp_path: Path, as_user, read_only
) -> None:
    folder = tmp_path / "khoa"
    folder.mkdir()
    hidden = example(name="khoa/xa-1.xlsx")
    other = example(name="xa-2.xlsx")
    read_only(folder, 0o000)
    out = tmp_path / "out"
    result = as_user(
        command, hidden, other, *(["--no-pdf", "-q", "-o", out] if command == "build" else [])
    )
    _clean(result)
    assert result.code == 2 and result.err == ""
    assert f"✗ {hidden}: không có quyền" in result.out, result.out
    assert f"✓ {other}" in result.out  # the other workbook is checked (and built) all the same


@pytest.mark.parametrize("command", ["check", "build"])
def test_an_unreadable_folder(command: str, example, tmp_path: Path, as_user, read_only) -> None:
    folder = tmp_path / "cac-xa"
    folder.mkdir()
    example(name="cac-xa/xa-1.xlsx")
    read_only(folder, 0o000)
    result = as_user(command, folder, *(["-o", tmp_path / "out"] if command == "build" else []))
    _clean(result)
    assert result.code == 2
    assert result.err == (
        f"Lỗi: Không đọc được thư mục {folder}: không có quyền đọc "
        "(hãy kiểm tra quyền của thư mục hoặc tệp).\n"
    )


def test_lint_of_an_unreadable_document(example, tmp_path: Path, as_user, read_only) -> None:
    """The unreadable file and folder are each named among the results; the rest is linted."""
    out = tmp_path / "out"
    assert build([example()], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    folder = out / "hoso" / "van-ban"
    document = read_only(folder / "01-to-trinh.docx", 0o000)
    reports = read_only(folder / "bao-cao", 0o000)
    result = as_user("lint", document, folder)
    _clean(result)
    assert result.code == 1
    assert result.err == ""
    denied = "không có quyền đọc (hãy kiểm tra quyền của thư mục hoặc tệp)"
    assert result.out.splitlines() == [
        f"✗ {document}: không đọc được tệp: {denied}",
        f"✓ {folder / '02-danh-sach.docx'}: 0 lỗi thể thức",
        f"✓ {folder / '03-bien-ban.docx'}: 0 lỗi thể thức",
        f"✗ {reports}: không đọc được thư mục: {denied}",
        "Tổng cộng: 2 tệp đạt, 2 tệp hoặc thư mục không đọc được.",
    ]


# -- a full disk while building --------------------------------------------------------------


def _disk_fills_at(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """From the first staged file called `name` on, writes put half their bytes, then ENOSPC."""
    real = pathlib.Path.write_bytes
    full = False

    def write_bytes(self: Path, data: bytes) -> int:
        nonlocal full
        full = full or (STAGING_PREFIX in str(self) and self.name == name)
        if not full:
            return real(self, data)
        real(self, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))

    monkeypatch.setattr(pathlib.Path, "write_bytes", write_bytes)


@pytest.mark.parametrize(
    ("name", "rel"),
    [("01-to-trinh.docx", "van-ban/01-to-trinh.docx"), ("manifest.json", "manifest.json")],
)
@pytest.mark.parametrize("previous", [True, False])
def test_a_full_disk_leaves_no_half_written_output(
    name: str, rel: str, previous: bool, example, tmp_path: Path, run_cli, monkeypatch
) -> None:
    """A fake around the orchestration: the files hoso stages are cut short by ENOSPC, the first
    document or the manifest (the last file before the swap); the previous output stays whole."""
    workbook, out = example(), tmp_path / "out"
    if previous:
        assert build([workbook], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    before = _tree(out / "hoso") if previous else {}
    _disk_fills_at(monkeypatch, name)
    result = run_cli("build", "--no-pdf", "--force", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert (
        f"✗ {workbook}: Không ghi được {out / 'hoso' / rel}: ổ đĩa đã đầy; hãy giải phóng dung "
        "lượng rồi chạy lại. Kết quả trước đó (nếu có) vẫn giữ nguyên." in result.out
    )
    if previous:
        assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
        assert _tree(out / "hoso") == before
    else:  # a first build: the folder it made goes again, lock and all
        assert not out.exists()
        assert sorted(p.name for p in tmp_path.iterdir()) == [workbook.name]


@pytest.mark.parametrize("made", ["out", "a/b/out"])
def test_a_failed_first_build_takes_away_only_the_folders_it_made(
    made: str, example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake around the orchestration: the disk is full at the first document. Folders hoso made
    (-o a/b/out: all three) are removed; one that was there before stays, with the user's file."""
    workbook = example()
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    _disk_fills_at(monkeypatch, "01-to-trinh.docx")
    for out in (tmp_path / made, tmp_path / "kept"):
        result = run_cli("build", "--no-pdf", "-q", "-o", out, workbook)
        _clean(result)
        assert result.code == 1
        assert f"Không ghi được {out / 'hoso' / 'van-ban' / '01-to-trinh.docx'}: ổ đĩa đã đầy" in (
            result.out
        )
    assert not (tmp_path / made.split("/")[0]).exists()
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == [LOCK_NAME, "ghi-chu.txt"]


def test_a_swap_that_fails_puts_the_previous_output_back(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake around the orchestration: renaming the staging folder in fails (a read-only mount
    turning up, a network folder gone), after the previous output was moved aside."""
    workbook, out = example(), tmp_path / "out"
    assert build([workbook], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    before = _tree(out / "hoso")
    real = os.rename

    def rename(src: str | Path, dst: str | Path) -> None:
        if STAGING_PREFIX in str(src):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(src))
        real(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    result = run_cli("build", "--no-pdf", "--force", "-q", "-o", out, workbook)
    _clean(result)
    assert result.code == 1
    assert (
        f"✗ {workbook}: Không ghi được {out / 'hoso'}: ổ đĩa chỉ cho phép đọc, không ghi được. "
        "Kết quả trước đó (nếu có) vẫn giữ nguyên." in result.out
    )
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == before


class FailsNamingItsFiles(FakeConverter):
    """A converter whose failure names the files it was given, as LibreOffice's own errors do."""

    def convert(self, jobs, on_result=None) -> list[ConversionResult]:  # type: ignore[override]
        results = [
            ConversionResult(job, False, f"không tìm thấy tệp nguồn {job.source}", 0.0, 1)
            for job in jobs
            if job.label == "Tờ trình"
        ]
        return results + super().convert([j for j in jobs if j.label != "Tờ trình"], on_result)


@pytest.mark.parametrize("count", [1, 2])
def test_errors_name_the_output_folder_never_the_staging_folder(
    count: int, example, tmp_path: Path
) -> None:
    workbooks = [example(name=f"xa-{i}.xlsx") for i in range(count)]
    out = tmp_path / "out"
    report = build(workbooks, BuildOptions(out_dir=out), converter=FailsNamingItsFiles())
    assert report.exit_code == 1
    for workbook, result in zip(workbooks, report.results, strict=True):
        folder = out / workbook.stem
        assert result.error == (
            "Không chuyển được sang PDF tài liệu “Tờ trình”: không tìm thấy tệp nguồn "
            f"{folder / 'van-ban' / '01-to-trinh.docx'}."
        )
    assert not out.exists()  # a first build: the folder it made went again, lock and all


def test_an_os_error_no_stage_expected_is_said_without_a_traceback(
    example, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fake around the orchestration: an OSError where no stage catches one (the last net)."""
    out = tmp_path / "out"
    staged = out / f"{STAGING_PREFIX}hoso-ab12cd34" / "manifest.json"

    def full(self: object) -> bytes:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(staged))

    monkeypatch.setattr("pipeline.build.manifest.Manifest.to_bytes", full)
    result = run_cli("build", "--no-pdf", "-q", "-o", out, example())
    _clean(result)
    assert result.code == 1
    assert result.err == (
        f"Lỗi: {out / 'hoso' / 'manifest.json'}: ổ đĩa đã đầy; "
        "hãy giải phóng dung lượng rồi chạy lại.\n"
    )
    assert not out.exists()  # a first build: the folder it made went again, lock and all


def _into_a_closed_pipe(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """hoso run with its output into a pipe whose reader already went away (`… | head -1`)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [HOSO, *args], stdout=write, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write)


@pytest.mark.parametrize("command", [["templates"], ["--help"], ["period", "--help"]])
def test_a_reader_that_went_away_is_no_error(command: list[str]) -> None:
    """`hoso templates | head -1`: the pipe closes before hoso writes; hoso stops quietly, with
    the status of a Unix tool stopped by SIGPIPE (128 + 13), as `cat` gives in a shell."""
    done = _into_a_closed_pipe(*command)
    assert (done.returncode, done.stderr) == (141, "")


@pytest.mark.parametrize("errors", [False, True])
def test_a_check_whose_reader_went_away_says_nothing_and_is_not_an_error(
    errors: bool, example
) -> None:
    """`hoso check x.xlsx | head -1`: no traceback, no "Lỗi", and not status 1, which says that
    the workbook has errors (it may have none): 141, whatever the check found."""
    workbook = example()
    if errors:
        with edit(workbook) as wb:
            put_form(wb, "Thông tin chung", "Kính gửi", "Chủ tịch UBND huyện Bù Gia Mập")
    told = subprocess.run([HOSO, "check", workbook], capture_output=True, text=True, timeout=120)
    assert told.returncode == (1 if errors else 0), told.stdout
    done = _into_a_closed_pipe("check", workbook)
    assert (done.returncode, done.stderr) == (141, "")


# -- what an interrupted build left ----------------------------------------------------------


def test_leftovers_of_an_interrupted_build_are_cleared_and_never_shown(
    example, tmp_path: Path, run_cli
) -> None:
    workbook, out = example(), tmp_path / "out"
    assert build([workbook], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    before = _tree(out / "hoso")
    # Killed between the two renames of a swap: the previous output is only under its old name.
    (out / "hoso").rename(out / f"{OLD_PREFIX}hoso")
    (out / f"{STAGING_PREFIX}hoso-x1y2z3" / "van-ban").mkdir(parents=True)
    (out / f"{STAGING_PREFIX}hoso-x1y2z3" / "van-ban" / "01-to-trinh.docx").write_bytes(b"half")
    result = run_cli("build", "--no-pdf", "-o", out, workbook)
    _clean(result)
    assert result.code == 0
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]
    assert _tree(out / "hoso") == before  # the old output came back, and was current


# -- permissions of what hoso writes ---------------------------------------------------------


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask for the test, put back afterwards."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_output_has_the_permissions_of_ordinary_files(
    umask: int, example, tmp_path: Path, run_cli
) -> None:
    out, target = tmp_path / "out", tmp_path / "de-nghi.xlsx"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, example()).code == 0
    assert run_cli("init", "--plan", BGM, target).code == 0
    made = [out / LOCK_NAME, target, *(out / "hoso").rglob("*"), out / "hoso"]
    modes = {
        str(p.relative_to(tmp_path)): oct(stat.S_IMODE(p.stat().st_mode)) for p in sorted(made)
    }
    expected = {
        name: oct((0o777 if (tmp_path / name).is_dir() else 0o666) & ~umask) for name in modes
    }
    assert modes == expected
    assert len(modes) > 10


@pytest.mark.libreoffice
def test_pdfs_and_dossiers_have_ordinary_permissions_too(example, tmp_path: Path) -> None:
    """LibreOffice writes the PDFs, pypdf the dossiers: a real build with a group's umask."""
    out = tmp_path / "out"
    done = subprocess.run(
        [HOSO, "build", "-q", "-o", out, example()],
        preexec_fn=lambda: os.umask(0o002),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    made = [*(out / "hoso").rglob("*"), out / "hoso"]
    modes = {str(p.relative_to(out)): stat.S_IMODE(p.stat().st_mode) for p in made}
    assert {m for p, m in modes.items() if p.endswith(".pdf")} == {0o664}
    assert {m for p, m in modes.items() if (out / p).is_dir()} == {0o775}
    assert set(modes.values()) == {0o664, 0o775}


# -- the command line's own words ------------------------------------------------------------

ENGLISH = [
    "Usage",
    "Options",
    "Error",
    "Show this message",
    "Show the version",
    "Try ",
    "for help",
    "Missing",
    "No such",
    "Did you mean",
    "Invalid value",
    "default:",
    "required",
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "does not",
    "is not",
    "Commands",
    ", version",
    "Aborted",
    "argument",
    # click's own metavars, shown when an option names none of its own
    " TEXT",
    " INTEGER",
    " FLOAT",
    " PATH",
    " FILENAME",
    " DIRECTORY",
]

MISSING_PLAN = (
    "--plan MÃ chọn kế hoạch thi đua mà hồ sơ theo (hình thức khen, số lượng, văn bản); mã có sẵn: "
    + ", ".join(plan.id for plan in all_plans())
    + " (xem từng kế hoạch: hoso plans)."
)
USAGE_ERRORS = [
    (["--bogus"], "Lỗi: Không có tùy chọn '--bogus'."),
    (["build", "--zzz", "x.xlsx"], "Lỗi: Không có tùy chọn '--zzz'."),
    (["build", "--wai", "3"], "Lỗi: Không có tùy chọn '--wai'. Có phải ý bạn là '--wait'?"),
    (["bild"], "Lỗi: Không có lệnh 'bild'. Có phải ý bạn là 'build'?"),
    (["build"], "Lỗi: Thiếu tham số 'TỆP_EXCEL_HOẶC_THƯ_MỤC...'."),
    (["check"], "Lỗi: Thiếu tham số 'TỆP_EXCEL_HOẶC_THƯ_MỤC...'."),
    # A missing --plan says what it is and the codes to give it, on the same line.
    (["init", "x.xlsx"], f"Lỗi: Thiếu tùy chọn '--plan'. {MISSING_PLAN}"),
    (["period", "init", "dot"], f"Lỗi: Thiếu tùy chọn '--plan'. {MISSING_PLAN}"),
    (["init", "--plan", BGM], "Lỗi: Thiếu tham số 'TỆP_EXCEL'."),
    (["plans", "show"], "Lỗi: Thiếu tham số 'MÃ_KẾ_HOẠCH'."),
    (["build", "--wait"], "Lỗi: Tùy chọn '--wait' cần 1 giá trị."),
    (
        ["build", "--wait", "-1", "x.xlsx"],
        "Lỗi: Giá trị không hợp lệ cho '--wait': -1 nằm ngoài khoảng cho phép (từ 0 trở lên).",
    ),
    (
        ["serve", "--port", "70000"],
        "Lỗi: Giá trị không hợp lệ cho '--port': 70000 nằm ngoài khoảng cho phép (từ 1 đến 65535).",
    ),
    (
        ["sign", "--seal-size", "8,5", "x.pdf"],
        "Lỗi: Giá trị không hợp lệ cho '--seal-size': 8,5 nằm ngoài khoảng cho phép (từ 10 đến 80).",
    ),
    (
        ["build", "--wait", "mot", "x.xlsx"],
        "Lỗi: Giá trị không hợp lệ cho '--wait': 'mot' không phải là một số hợp lệ.",
    ),
    (
        ["build", "--templates", "khong-co", "x.xlsx"],
        "Lỗi: Giá trị không hợp lệ cho '--templates': 'khong-co' không tồn tại; hãy kiểm tra tên"
        " và đường dẫn.",
    ),
    (["templates", "thua"], "Lỗi: Không có lệnh 'thua'."),
    (["templates", "copy"], "Lỗi: Thiếu tham số 'THƯ_MỤC'."),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS)
def test_usage_errors_are_in_vietnamese(args: list[str], message: str, run_cli) -> None:
    result = run_cli(*args)
    _clean(result)
    assert result.code == 2
    assert message in result.err.splitlines()
    for word in ENGLISH:
        assert word not in result.err, word
    # Every mistake, even one click's parser finds (an option without its value), under the usage.
    assert "Cách dùng: hoso " in result.err and "' để xem hướng dẫn." in result.err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["-h"],
        ["build", "--help"],
        ["check", "--help"],
        ["init", "-h"],
        ["lint", "--help"],
        ["plans", "--help"],
        ["plans", "show", "--help"],
        ["templates", "--help"],
        ["--version"],
        # Every later command too: each must be a vietnamese_click Command, not click's own.
        *[
            [*command.split(), "--help"]
            for command in (
                "sign",
                "verify",
                "package",
                "signed add",
                "period init",
                "period check",
                "period build",
                "period council",
                "period certificates",
                "serve",
                "worker",
                "user add",
                "user token",
                "user add-units",
            )
        ],
    ],
)
def test_help_is_in_vietnamese(args: list[str], run_cli) -> None:
    result = run_cli(*args)
    _clean(result)
    assert result.code == (2 if not args else 0)
    text = result.out + result.err
    for word in ENGLISH:
        assert word not in text, word
    if args == ["--version"]:
        assert text.startswith("hoso, phiên bản ")
    else:
        assert text.startswith("Cách dùng: hoso ")
        assert "Tùy chọn:" in text and "Hiện hướng dẫn này rồi thoát." in text


def test_build_help_names_every_option_in_vietnamese(run_cli) -> None:
    text = run_cli("build", "--help").out
    assert text.startswith("Cách dùng: hoso build [TÙY_CHỌN] TỆP_EXCEL_HOẶC_THƯ_MỤC...\n")
    assert "-o, --out THƯ_MỤC" in text and "[mặc định: output]" in text
    assert "--wait GIÂY" in text and "[mặc định: 600; từ 0 trở lên]" in text


def test_number_options_read_as_vietnamese_writes_them(run_cli) -> None:
    # Ranges in words, defaults and decimals with a comma: no "10<=x<=80", no "36.0".
    text = " ".join(run_cli("sign", "--help").out.split())
    assert "[mặc định: 36; từ 10 đến 80]" in text and "<=" not in text
    result = run_cli("sign", "--seal-size", "36,5", "khong-co.pdf")
    # 36,5 is taken: the command goes on to the next thing missing, the key.
    assert "'--seal-size'" not in result.err and "nơi có khóa" in result.err


def test_click_speaks_english_again_after_the_command(run_cli) -> None:
    run_cli("--help")
    assert click.formatting._("Usage:") == "Usage:"
    assert click.exceptions.ngettext("Did you mean {possibility}?", "x", 1).startswith("Did")


# Messages click raises for a program's mistakes (declarations) or for features hoso does not
# use (prompts, editors, colours, dates, file arguments, deprecation, shell completion).
NOT_FOR_USERS = {
    "Invalid start character for option ({option})",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Unknown standard stream '{name}'",
    "Unknown color {colour!r}",
    "deprecated",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Do you want to continue?",
    "Confirm the action without prompting.",
    "Repeat for confirmation",
    "Error: The two entered values do not match.",
    "Error: invalid input",
    "Press any key to continue...",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "d",
}


def _click_messages() -> Iterator[str]:
    """Every message click's source passes to `_()` or `ngettext()` (the singular)."""
    for path in Path(click.__file__).parent.glob("*.py"):
        if path.name in ("shell_completion.py", "_winconsole.py", "testing.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                yield node.args[0].value


def test_every_message_of_the_installed_click_has_its_vietnamese() -> None:
    messages = set(_click_messages())
    known = set(vietnamese_click.TEXTS) | set(vietnamese_click.PLURALS) | NOT_FOR_USERS
    assert len(messages) > 40
    assert sorted(messages - known) == []
    for text in [*vietnamese_click.TEXTS.values(), *vietnamese_click.PLURALS.values()]:
        assert unicodedata.is_normalized("NFC", text)


def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m pipeline.cli` (what the benchmarks run) is the `hoso` command."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("hoso, phiên bản ")
