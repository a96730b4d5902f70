"""The workbook as a file: refuse what is not a usable xlsx before any parser touches it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.errors import WorkbookUnusable
from pipeline.files import reason
from pipeline.inputs.filetypes import (
    JPEG,
    OLE,
    PDF,
    PNG,
    RAR,
    RTF,
    SEVEN_ZIP,
    file_type,
    read_head,
)

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_RATIO = 200  # compression ratio above which a large zip member is treated as a bomb
# Files a folder of workbooks is searched for: hoso's own (.xlsx, .xlsm) and the spreadsheets a
# unit may send instead, which are named with how to save them as .xlsx, never passed over.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SPREADSHEET_SUFFIXES = (*WORKBOOK_SUFFIXES, ".xls", ".xlsb", ".ods", ".csv")
ODS = b"application/vnd.oasis.opendocument.spreadsheet"
STRICT = b"purl.oclc.org/ooxml/"  # the namespaces of Excel's "Strict Open XML" format
_STRICT = (
    "tệp được lưu ở định dạng “Strict Open XML Spreadsheet”, hoso không đọc được; hãy mở bằng "
    "Excel, chọn Tệp › Lưu thành…, kiểu tệp “Excel Workbook (.xlsx)” (không chọn “Strict Open "
    "XML”), rồi kiểm tra tệp mới."
)
_SAVE_AS = (
    "hãy mở tệp bằng Excel, chọn Tệp › Lưu thành…, kiểu tệp “Excel Workbook (.xlsx)”, rồi kiểm "
    "tra tệp .xlsx mới."
)


def unusable(path: Path, why: str) -> WorkbookUnusable:
    """The error for a file that cannot be used at all, naming it."""
    return WorkbookUnusable(f"{path}: {why}")


def check_container(path: Path) -> None:
    """Refuse files that are not a usable xlsx before openpyxl touches them (bombs, encryption)."""
    try:
        # Inside the try: a folder on the way that cannot be read makes even is_dir() fail.
        if path.is_dir():
            raise unusable(path, "đây là thư mục, không phải tệp Excel.")
        if not path.is_file():
            raise unusable(path, "không tìm thấy tệp.")
        _check_container(path)
    except OSError as exc:  # unreadable (permissions), or the disk failing under us
        raise unusable(path, f"{reason(exc, 'đọc')}.") from None


def _check_container(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise unusable(path, "tệp rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise unusable(path, f"tệp quá lớn ({size // 1_048_576} MB; tối đa 50 MB).")
    if file_type(read_head(path)) is OLE:
        # An OLE container: either an encrypted OOXML package or a legacy .xls workbook.
        data = path.read_bytes()
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise unusable(path, "tệp được đặt mật khẩu; hãy gỡ mật khẩu trong Excel rồi lưu lại.")
        raise unusable(path, "đây là tệp Excel cũ (.xls); hãy mở bằng Excel và lưu thành .xlsx.")
    if not zipfile.is_zipfile(path):
        raise unusable(path, _not_a_package(path))
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            raise unusable(path, _other_package(zf, names))
        if STRICT in zf.read("xl/workbook.xml")[:4096]:
            raise unusable(path, _STRICT)
        total = sum(i.file_size for i in infos)
        bomb = any(
            i.file_size > 10_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1)
            for i in infos
        )
        if total > MAX_UNPACKED_BYTES or bomb:
            raise unusable(path, "nội dung giải nén quá lớn (nghi là tệp độc hại); từ chối đọc.")
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:  # openpyxl goes by the name, not the content
        raise unusable(
            path,
            f"là tệp Excel nhưng tên tệp {_suffix(path)}; hãy đổi tên thành “{path.stem}.xlsx”.",
        )


def has_macros(path: Path) -> bool:
    """Whether a usable workbook carries VBA macros (an .xlsm, whatever its name): hoso reads
    only its cells, but a copy named .xlsx would not open in Excel."""
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    return "xl/vbaProject.bin" in names or b"macroEnabled" in types


def _suffix(path: Path) -> str:
    """What the file's name ends with, said."""
    return f"có đuôi “{path.suffix}”" if path.suffix else "không có đuôi"


# What a clerk sends by mistake in place of the workbook (by its first bytes), with what it
# probably was to them.
_OTHER_FILES = {
    PDF: " (bản in hay bản quét của hồ sơ?)",
    PNG: " (ảnh chụp màn hình?)",
    JPEG: " (ảnh chụp bảng tính?)",
    RTF: "",
    RAR: "",
    SEVEN_ZIP: "",
}


def _not_a_package(path: Path) -> str:
    """What a file that is no zip package is: a CSV (by its name or by its text), or not Excel."""
    if path.name.startswith(("~$", ".~lock.")):
        workbook = path.name.removeprefix("~$").removeprefix(".~lock.").removesuffix("#")
        return (
            f"không phải tệp Excel .xlsx: đây là tệp khóa mà Excel hoặc LibreOffice tạo ra khi "
            f"đang mở tệp “{workbook}”, không có dữ liệu; hãy kiểm tra chính tệp “{workbook}”."
        )
    other = file_type(read_head(path), tuple(_OTHER_FILES))
    if other is not None:
        return (
            f"không phải tệp Excel .xlsx: đây là {other.name}{_OTHER_FILES[other]} dù tên "
            f"{_suffix(path)}; hoso cần chính tệp Excel đã điền (tệp do hoso tạo, lưu dạng .xlsx)."
        )
    kind = _markup(path)
    if kind:
        return f"không phải tệp Excel .xlsx: đây là {kind} dù tên {_suffix(path)}; {_SAVE_AS}"
    csv = path.suffix.lower() == ".csv"
    if not (csv or _looks_csv(path)):
        return "không phải tệp Excel .xlsx."
    renamed = "" if csv else f"đây là tệp CSV dù tên {_suffix(path)}; "
    return (
        f"{renamed}tệp CSV chỉ có chữ, không có các sheet của hoso; hãy điền vào tệp Excel do hoso "
        "tạo (hoso init) và lưu dạng .xlsx."
    )


def _markup(path: Path) -> str:
    """What a text file Excel opens is, said: a web page (the “Xuất Excel” of web systems) or an
    Excel 2003 XML workbook; "" for anything else."""
    with path.open("rb") as fh:
        head = _text(fh.read(4096)).lstrip().lower()
    if head.startswith(("<html", "<!doctype html", "<table", "<meta")) or (
        head.startswith("<") and "<html" in head
    ):
        return "một trang web (HTML), thường do chức năng “Xuất Excel” của phần mềm tạo ra,"
    if "urn:schemas-microsoft-com:office:spreadsheet" in head:
        return "tệp “XML Spreadsheet 2003” của Excel"
    return ""


def _looks_csv(path: Path) -> bool:
    """Text with a list separator on its first line: a CSV, whatever its name says."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    first = next(iter(_text(head).splitlines()), "")
    printable = all(ch.isprintable() or ch == "\t" for ch in first)
    return printable and any(sep in first for sep in ",;\t")


def _text(head: bytes) -> str:
    """The start of a file read as the text Excel or a text editor would have saved."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sample's end
            return head[: exc.start].decode("utf-8-sig")
        return head.decode("cp1258", "replace")  # Excel's CSV on a Vietnamese Windows


def _other_package(zf: zipfile.ZipFile, names: set[str]) -> str:
    """What a zip package that is not an xlsx is, and how to make an xlsx of it."""
    if "mimetype" in names and zf.read("mimetype").strip() == ODS:
        return (
            "đây là tệp LibreOffice Calc (.ods); hãy mở bằng LibreOffice Calc, chọn Tệp › Lưu "
            "thành…, kiểu tệp “Excel 2007-365 (.xlsx)”."
        )
    if "xl/workbook.bin" in names:
        return "đây là tệp Excel nhị phân (.xlsb); hãy mở bằng Excel và lưu thành .xlsx."
    if "word/document.xml" in names:
        return "đây là tệp Word (.docx), không phải tệp Excel .xlsx."
    return "không phải tệp Excel .xlsx (thiếu xl/workbook.xml)."
