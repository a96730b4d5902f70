"""What clerks do to the sheets and their header rows: copy a sheet, rename a tab, insert a title,
sort the header away, merge header cells, filter a table, save in the wrong format. Each habit is
run through the real `hoso check` and asserted on what the clerk reads at the cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# 6. and 9. Formats -----------------------------------------------------------------------------


def _strict(path: Path) -> None:
    """The workbook rewritten with the namespaces of Excel's "Strict Open XML" format."""
    data = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            data[info.filename] = zf.read(info.filename)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in data.items():
            if name.endswith(".xml"):
                content = re.sub(
                    rb"http://schemas\.openxmlformats\.org/spreadsheetml/2006/main",
                    b"http://purl.oclc.org/ooxml/spreadsheetml/main",
                    content,
                )
            zf.writestr(name, content)


def test_a_strict_open_xml_workbook_says_how_to_save_it(example, run_cli) -> None:
    path = example()
    _strict(path)
    result = run_cli("check", path)
    assert result.code == 2
    assert "“Strict Open XML Spreadsheet”" in result.out
    assert "“Excel Workbook (.xlsx)”" in result.out
    assert "thiếu sheet" not in result.out


def test_a_web_page_saved_as_xls_says_how_to_save_it(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "xuat-excel.xls"
    path.write_text(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        "<body><table><tr><td>STT</td><td>Họ và tên</td></tr></table></body></html>",
        encoding="utf-8",
    )
    result = run_cli("check", path)
    assert result.code == 2
    assert "trang web (HTML)" in result.out
    assert "Lưu thành…, kiểu tệp “Excel Workbook (.xlsx)”" in result.out
