"""`hoso lint FILES…`: every file linted and named, folders searched, unreadable files reported."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx.shared import Twips

from tests.docx_factory import build_to_trinh, save


def _good(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return save(build_to_trinh(), folder, name)


def test_an_empty_file_does_not_stop_the_files_after_it(tmp_path: Path, run_cli) -> None:
    first, second = _good(tmp_path, "mot.docx"), _good(tmp_path, "hai.docx")
    empty = tmp_path / "rong.docx"
    empty.write_bytes(b"")
    result = run_cli("lint", first, empty, second)
    assert result.code == 1
    assert result.err == ""
    assert result.out.splitlines() == [
        f"✓ {first}: 0 lỗi thể thức",
        f"✗ {empty}: không đọc được tệp: tệp rỗng (0 byte), không có nội dung; tệp có thể chưa "
        "được chép hoặc lưu xong",
        f"✓ {second}: 0 lỗi thể thức",
        "Tổng cộng: 2 tệp đạt, 1 tệp hoặc thư mục không đọc được.",
    ]


def test_files_not_word_or_missing_are_each_named_and_the_rest_linted(
    tmp_path: Path, run_cli
) -> None:
    text = tmp_path / "ghi-chu.docx"
    text.write_text("không phải tệp Word", encoding="utf-8")
    missing = tmp_path / "khong-co.docx"
    good = _good(tmp_path, "to-trinh.docx")
    result = run_cli("lint", text, missing, good)
    assert result.code == 1
    assert result.err == ""
    assert result.out.splitlines() == [
        f"✗ {text}: không đọc được tệp: đây không phải tệp Word .docx hợp lệ (tệp có thể bị "
        "hỏng, được đặt mật khẩu, hoặc là loại tệp khác bị đổi đuôi thành .docx)",
        f"✗ {missing}: không tìm thấy tệp hay thư mục này",
        f"✓ {good}: 0 lỗi thể thức",
        "Tổng cộng: 1 tệp đạt, 2 tệp hoặc thư mục không đọc được.",
    ]


def test_a_folder_is_linted_as_every_docx_in_it_recursively(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "van-ban"
    top = _good(folder, "01-to-trinh.docx")
    nested = _good(folder / "bao-cao", "01-bao-cao.docx")
    (folder / "~$to-trinh.docx").write_bytes(b"\x00" * 162)  # Word's lock file while it is open
    (folder / "ghi-chu.txt").write_text("không phải văn bản", encoding="utf-8")
    bad = build_to_trinh()
    bad.sections[0].left_margin = Twips(1417)
    wrong = save(bad, folder / "bao-cao", "02-bao-cao.docx")
    result = run_cli("lint", folder)
    assert result.code == 1
    assert result.out.splitlines() == [
        f"✓ {top}: 0 lỗi thể thức",
        f"✓ {nested}: 0 lỗi thể thức",
        f"✗ {wrong}: 1 lỗi thể thức",
        "    lề trang: Lề trái 25 mm, cần 30–35 mm",
        "Tổng cộng: 2 tệp đạt, 1 tệp có lỗi.",
    ]


def test_a_clean_folder_passes(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "van-ban"
    _good(folder, "01-to-trinh.docx")
    _good(folder / "bao-cao", "01-bao-cao.docx")
    result = run_cli("lint", folder)
    assert result.code == 0
    assert result.out.count(": 0 lỗi thể thức\n") == 2
    assert result.out.endswith("Tổng cộng: 2 tệp đạt.\n")


def test_a_folder_without_word_files_is_said_so(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "trong"
    (folder / "con").mkdir(parents=True)
    (folder / "con" / "de-nghi.xlsx").write_bytes(b"")
    result = run_cli("lint", folder)
    assert result.code == 1
    assert result.err == ""
    assert result.out == (
        f"✗ {folder}: thư mục không có tệp Word (.docx) nào, kể cả trong các thư mục con\n"
    )


def test_a_file_named_twice_or_within_a_named_folder_is_linted_once(
    tmp_path: Path, run_cli
) -> None:
    folder = tmp_path / "van-ban"
    document = _good(folder, "01-to-trinh.docx")
    result = run_cli("lint", document, folder, document)
    assert result.code == 0
    assert result.out.splitlines() == [f"✓ {document}: 0 lỗi thể thức"]


def _content_type(path: Path, kind: str, was: str = "wordprocessingml.document.main+xml") -> None:
    """The file's main part declared as Word declares a template's or a macro file's."""
    members = []
    with zipfile.ZipFile(path) as zf:
        members = [(i.filename, zf.read(i)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members:
            if name == "[Content_Types].xml":
                data = data.replace(was.encode(), kind.encode())
            zf.writestr(name, data)


def test_word_files_saved_as_another_kind_say_how_to_save_them_as_docx(
    tmp_path: Path, run_cli, example
) -> None:
    """Word's Save As offers .doc, .dotx, .docm: a folder's such files are named (hoso build
    refuses them in a templates folder), and a .dotx renamed .docx is said to be a template."""
    folder = tmp_path / "mau"
    good = _good(folder, "danh-sach.docx")
    (folder / "to-trinh.doc").write_bytes(b"\xd0\xcf\x11\xe0 Word 97-2003")
    renamed = _good(folder, "bien-ban.docx")
    _content_type(renamed, "wordprocessingml.template.main+xml")
    result = run_cli("lint", folder)
    assert result.code == 1 and result.err == ""
    how = "hãy mở bằng Word, chọn Tệp › Lưu thành, kiểu “Word Document (*.docx)”"
    assert result.out.splitlines() == [
        f"✗ {renamed}: không đọc được tệp: tệp này là mẫu Word (.dotx) chứ không phải văn bản "
        f"Word (.docx), dù mang đuôi .docx: {how} rồi lưu đè",
        f"✓ {good}: 0 lỗi thể thức",
        f"✗ {folder / 'to-trinh.doc'}: hoso chỉ đọc tệp .docx; hãy mở tệp này bằng Word, chọn "
        "Tệp › Lưu thành, kiểu “Word Document (*.docx)”, tên to-trinh.docx",
        "Tổng cộng: 1 tệp đạt, 2 tệp hoặc thư mục không đọc được.",
    ]
    (folder / "to-trinh.doc").unlink()
    (folder / "danh-sach.docx").unlink()
    _content_type(
        renamed, "ms-word.document.macroEnabled.main+xml", "wordprocessingml.template.main+xml"
    )
    out = tmp_path / "out"
    build = run_cli("build", "--no-pdf", "-q", "--templates", folder, "-o", out, example())
    assert build.code == 1 and "Traceback" not in build.out + build.err
    assert (
        f"Mẫu {renamed}: tệp này là tệp Word có macro (.docm) chứ không phải văn bản Word (.docx)"
    ) in build.out, build.out
    assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
