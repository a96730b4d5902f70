"""`hoso signed add OUT FILES…` is all or nothing: given good signed PDFs among wrong files (not a
PDF, unsigned, changed after signing, another dossier's), every wrong file is named with why, the
good ones are named as good, a non-zero exit, and nothing is written; the good ones alone are then
all taken. Two copies of one document in one command keep the fuller one. An original deleted by
hand, a build holding the folder (signed add and package wait, saying so), a package folder that
is a file: each said in words."""

from __future__ import annotations

import hashlib
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from tests import pki
from tests.pki import Keys

pytestmark = pytest.mark.libreoffice
BGM = "bu-gia-map-cds-2022-2025"


@pytest.fixture
def out(bgm_output: Path, tmp_path: Path) -> Path:
    """The built Bù Gia Mập example's output folder, this test's own copy."""
    copy = tmp_path / "output"
    shutil.copytree(bgm_output, copy, symlinks=True)
    return copy


def _sign(run_cli, source: Path, target: Path, p12: Path, *extra: str | Path) -> Path:
    done = run_cli("sign", source, "-o", target, "--p12", p12, "--password", pki.PASSWORD, *extra)
    assert done.code == 0, done.out + done.err
    return target


def _tree(folder: Path) -> dict[str, str]:
    """Every file under a folder by its path and digest: what a refused command may not change."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_one_wrong_file_among_good_ones_takes_none_and_names_each(
    run_cli, keys: Keys, out: Path, tmp_path: Path
) -> None:
    papers = out / BGM / "van-ban"
    incoming = tmp_path / "nhan-ve"
    incoming.mkdir()
    good = _sign(run_cli, papers / "01-to-trinh.pdf", incoming / "to-trinh.pdf", keys.signer_p12)
    text = incoming / "ghi-chu.pdf"
    text.write_text("Tờ trình đã ký\n", encoding="utf-8")
    unsigned = incoming / "danh-sach.pdf"
    shutil.copy(papers / "02-danh-sach.pdf", unsigned)
    data = _sign(run_cli, papers / "02-danh-sach.pdf", tmp_path / "tam.pdf", keys.signer_p12)
    data = data.read_bytes()
    at = data.index(b"LibreOffice")
    changed = incoming / "bi-sua.pdf"
    changed.write_bytes(data[:at] + b"l" + data[at + 1 :])
    writer = PdfWriter(clone_from=PdfReader(papers / "01-to-trinh.pdf"))
    writer.remove_page(len(writer.pages) - 1)  # a document of no dossier here
    writer.write(tmp_path / "khac.pdf")
    other = _sign(run_cli, tmp_path / "khac.pdf", incoming / "ho-so-khac.pdf", keys.signer_p12)
    before = _tree(out)

    done = run_cli("signed", "add", out, good, text, unsigned, changed, other)

    assert done.code == 1 and "Traceback" not in done.err, done.err
    lines = done.out.splitlines()
    assert lines[0].startswith(f"✗ {text}: từ chối, không phải tệp PDF"), lines
    assert lines[1] == (
        f"✗ {unsigned}: từ chối, là “Danh sách kèm theo Tờ trình” nhưng chưa có chữ ký số."
    )
    assert lines[2].startswith(f"✗ {changed}: từ chối, chữ ký của {pki.SIGNER} bị hỏng"), lines
    assert lines[3] == (
        f"✗ {other}: từ chối, không khớp với văn bản nào của hồ sơ (nội dung khác mọi văn bản đã "
        "tạo)."
    )
    assert lines[4:] == [
        f"· {good}: hợp lệ (“Tờ trình” của {BGM}), chưa nhận.",
        "Không nhận tệp nào: từ chối 4 tệp, 1 tệp hợp lệ chưa nhận. Hãy bỏ hoặc thay các tệp bị "
        "từ chối (✗) rồi chạy lại lệnh; hoso chỉ nhận khi mọi tệp đều hợp lệ.",
    ]
    assert _tree(out) == before

    signed_list = _sign(
        run_cli, papers / "02-danh-sach.pdf", incoming / "danh-sach-da-ky.pdf", keys.signer_p12
    )
    done = run_cli("signed", "add", out, good, signed_list)
    assert done.code == 0, done.out
    assert f"✓ {good} → {BGM}/da-ky/van-ban/01-to-trinh.pdf: “Tờ trình”" in done.out
    assert f"✓ {signed_list} → {BGM}/da-ky/van-ban/02-danh-sach.pdf" in done.out
    assert (out / BGM / "da-ky" / "van-ban" / "01-to-trinh.pdf").read_bytes() == good.read_bytes()


def test_two_copies_of_one_document_in_one_command_keep_the_fuller_one(
    run_cli, keys: Keys, out: Path, tmp_path: Path
) -> None:
    source = out / BGM / "van-ban" / "01-to-trinh.pdf"
    one = _sign(run_cli, source, tmp_path / "mot-chu-ky.pdf", keys.signer_p12)
    two = _sign(run_cli, one, tmp_path / "hai-chu-ky.pdf", keys.unit_p12, "--role", "co-quan")
    before = _tree(out)

    done = run_cli("signed", "add", out, two, one)
    assert done.code == 1 and "Traceback" not in done.err, done.err
    assert done.out.splitlines()[0] == (
        f"✗ {one}: từ chối, cùng là “Tờ trình” với tệp {two} nêu trước trong lệnh, tệp đó có 2 "
        f"chữ ký ({pki.SIGNER}, {pki.UNIT}), nhiều hơn tệp này (1 chữ ký): hãy chỉ nêu tệp có "
        "đủ chữ ký."
    )
    assert _tree(out) == before

    # The signer's copy, then the one with the seal: the second replaces the first, kept aside.
    done = run_cli("signed", "add", out, one, two)
    assert done.code == 0, done.out
    assert (out / BGM / "da-ky" / "van-ban" / "01-to-trinh.pdf").read_bytes() == two.read_bytes()
    aside = out / BGM / "da-ky" / "cu" / "van-ban" / "01-to-trinh.pdf"
    assert aside.read_bytes() == one.read_bytes()


def test_an_original_pdf_deleted_by_hand_is_named_not_taken_for_a_changed_file(
    run_cli, keys: Keys, out: Path, tmp_path: Path
) -> None:
    papers = out / BGM / "van-ban"
    good = _sign(run_cli, papers / "01-to-trinh.pdf", tmp_path / "to-trinh.pdf", keys.signer_p12)
    writer = PdfWriter(clone_from=PdfReader(papers / "01-to-trinh.pdf"))
    writer.remove_page(len(writer.pages) - 1)
    writer.write(tmp_path / "khac.pdf")
    other = _sign(run_cli, tmp_path / "khac.pdf", tmp_path / "ho-so-khac.pdf", keys.signer_p12)
    (papers / "01-to-trinh.pdf").unlink()

    done = run_cli("signed", "add", out, good, other)

    assert done.code == 1 and "Traceback" not in done.err, done.err
    lines = done.out.splitlines()
    assert lines[0] == (
        f"✗ {good}: từ chối, là “Tờ trình” nhưng bản PDF gốc {BGM}/van-ban/01-to-trinh.pdf không "
        "còn nên không đối chiếu được nội dung: hãy tạo lại hồ sơ (hoso build, hay hoso period "
        "build) rồi nhận lại tệp này."
    )
    assert lines[1] == (
        f"✗ {other}: từ chối, không khớp với văn bản nào của hồ sơ (nội dung khác mọi văn bản đã "
        f"tạo); 1 bản PDF gốc của hồ sơ không còn ({BGM}/van-ban/01-to-trinh.pdf) nên không đối "
        "chiếu được: hãy tạo lại hồ sơ (hoso build, hay hoso period build) rồi nhận lại tệp này."
    )


BUSY_END = "đang chờ lần đó xong (Ctrl+C để thôi chờ)…"
HOLD = """
import sys
from pathlib import Path
from pipeline.build.output import OutputLock
with OutputLock(Path(sys.argv[1]), wait=0):
    print("giu", flush=True)
    sys.stdin.readline()
"""


@pytest.mark.parametrize("command", ["signed add", "package"])
def test_a_build_holding_the_folder_is_said_while_signed_add_or_package_waits_for_it(
    run_cli, keys: Keys, out: Path, tmp_path: Path, command: str
) -> None:
    papers = out / BGM / "van-ban"
    good = _sign(run_cli, papers / "01-to-trinh.pdf", tmp_path / "to-trinh.pdf", keys.signer_p12)
    if command == "package":
        assert run_cli("signed", "add", out, good).code == 0
    run = {"text": True, "stdout": subprocess.PIPE}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, out], stdin=subprocess.PIPE, **run)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "giu"
    given = [good] if command == "signed add" else []
    command_line = [sys.executable, "-m", "pipeline.cli", *command.split(), out, *given]
    adding = subprocess.Popen(command_line, stderr=subprocess.PIPE, **run)
    try:
        assert adding.stderr is not None
        # Said before it waits (a command that waits unsaid would leave this empty).
        ready, _, _ = select.select([adding.stderr], [], [], 120)
        said = adding.stderr.readline().strip() if ready else ""
        # The holder recorded itself next to the lock: the wait names its process.
        assert said.startswith(f"Thư mục kết quả {out} đang được dùng bởi "), said
        assert f"tiến trình {holder.pid})" in said and said.endswith(BUSY_END), said
        assert not (out / BGM / ("da-ky" if command == "signed add" else "goi-nop")).exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
    taken, _ = adding.communicate(timeout=300)
    assert adding.returncode == 0, taken
    if command == "signed add":
        assert f"✓ {good} → {BGM}/da-ky/van-ban/01-to-trinh.pdf" in taken
    else:
        assert f"{out / BGM / 'goi-nop' / 'ho-so-tong-hop.zip'}: " in taken


def test_package_where_its_folder_is_a_file_says_so_and_writes_nothing(run_cli, out: Path) -> None:
    (out / BGM / "goi-nop").write_text("ghi chú", encoding="utf-8")
    before = _tree(out)
    done = run_cli("package", out)
    assert done.code == 1 and "Traceback" not in done.err, done.err
    assert done.err.strip() == (
        f"Lỗi: {out / BGM / 'goi-nop'} là một tệp, không phải thư mục: gói nộp được ghi vào thư "
        "mục này; hãy đổi tên hoặc chuyển tệp đó đi rồi chạy lại."
    )
    assert _tree(out) == before


def test_signed_add_with_no_file_named_nor_dropped_says_how_to_give_them(
    run_cli, out: Path
) -> None:
    done = run_cli("signed", "add", out)
    assert done.code == 0 and "Traceback" not in done.err, done.err
    lines = done.out.splitlines()
    assert lines[0] == (
        "Không có tệp nào để nhận: hãy nêu các tệp PDF đã ký sau thư mục kết quả (hoso signed add "
        "THƯ_MỤC_KẾT_QUẢ TỆP_ĐÃ_KÝ...), hoặc chép chúng vào thư mục da-ky/ của hồ sơ rồi chạy lại."
    )
    assert lines[1].startswith("Còn ") and lines[1].endswith(" văn bản chưa ký số:")
