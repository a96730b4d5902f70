"""A rebuild never drops what a person put into a batch folder or changed there."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from tests.conftest import cell_of, edit


def _rebuild_after_an_edit(run_cli, workbook: Path, out: Path, *options: str):
    """Change one achievement (so that the batch is built again) and build."""
    with edit(workbook) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Thành tích", 2)] = "Hoàn thành xuất sắc nhiệm vụ chuyển đổi số năm 2023."
    return run_cli("build", "--no-pdf", *options, "-o", out, workbook)


@pytest.mark.parametrize("force", [False, True])
def test_the_users_own_files_survive_a_rebuild(example, tmp_path: Path, run_cli, force) -> None:
    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
    folder = out / "hoso"
    own = {
        "van-ban/01-to-trinh-da-ky.pdf": b"%PDF-1.7 signed by hand",  # hoso sign's default name
        "goi-nop/hoso.zip": b"PK a package",
        "ghi chu.txt": "Gửi trước thứ Sáu".encode(),
    }
    for rel, data in own.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    (folder / "van-ban" / "~$-to-trinh.docx").write_bytes(b"Word's lock file")
    result = _rebuild_after_an_edit(run_cli, workbook, out, *(["--force"] if force else []))
    assert result.code == 0, result.out + result.err
    for rel, data in own.items():
        assert (folder / rel).read_bytes() == data
    assert not (folder / "van-ban" / "~$-to-trinh.docx").exists()  # a lock, not the user's work
    link = folder / "van-ban" / "ban-in.pdf"
    link.symlink_to("/khong/con/tep-nay.pdf")  # a link to nothing is still the user's
    again = _rebuild_after_an_edit(run_cli, workbook, out, "--force")
    assert again.code == 0, again.out + again.err
    assert link.is_symlink() and str(link.readlink()) == "/khong/con/tep-nay.pdf"
    # Said each time; the package folder is hoso package's, kept without being listed.
    assert (
        f"ℹ {folder}: giữ nguyên 2 tệp không do hoso tạo: ghi chu.txt, "
        "van-ban/01-to-trinh-da-ky.pdf." in result.out
    )
    assert "hoso signed add" in result.out
    assert "van-ban/ban-in.pdf" in again.out and "goi-nop" not in again.out


def test_a_document_edited_by_hand_is_kept_beside_the_new_one(
    example, tmp_path: Path, run_cli
) -> None:
    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
    folder = out / "hoso"
    docx = folder / "van-ban" / "01-to-trinh.docx"
    fixed = Document(str(docx))
    fixed.add_paragraph("Dòng văn thư sửa tay trong Word.")
    fixed.save(str(docx))
    edited = docx.read_bytes()
    result = _rebuild_after_an_edit(run_cli, workbook, out)
    assert result.code == 0, result.out + result.err
    kept = folder / "sua-tay" / "van-ban" / "01-to-trinh.docx"
    assert kept.read_bytes() == edited
    new = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "Dòng văn thư sửa tay" not in new  # hoso's own, made again
    assert "TỜ TRÌNH" in new.replace("\xa0", " ")
    assert (
        f"⚠ {folder}: 1 văn bản đã bị sửa tay sau lần tạo trước; hoso tạo văn bản theo tệp "
        "Excel (bỏ văn bản không còn trong tệp Excel) và giữ bản sửa tay ở: "
        "sua-tay/van-ban/01-to-trinh.docx." in result.out
    )
    # Built again unchanged: the kept copy stays, the new document is not "edited".
    again = run_cli("build", "--no-pdf", "--force", "-o", out, workbook)
    assert kept.read_bytes() == edited
    assert "đã bị sửa tay" not in again.out


@pytest.mark.libreoffice
def test_a_users_file_where_the_build_now_writes_moves_aside(
    example, tmp_path: Path, run_cli
) -> None:
    workbook, out = example(), tmp_path / "out"
    assert run_cli("build", "--no-pdf", "-q", "-o", out, workbook).code == 0
    folder = out / "hoso"
    mine = folder / "van-ban" / "01-to-trinh.pdf"  # exported from Word before hoso made PDFs
    mine.write_bytes(b"%PDF-1.4 the clerk's export")
    result = run_cli("build", "-o", out, workbook)
    assert result.code == 0, result.out + result.err
    aside = folder / "tep-khac" / "van-ban" / "01-to-trinh.pdf"
    assert aside.read_bytes() == b"%PDF-1.4 the clerk's export"
    assert mine.read_bytes().startswith(b"%PDF-1.") and b"clerk" not in mine.read_bytes()
    assert (
        f"⚠ {folder}: 1 tệp của bạn nằm đúng chỗ hoso nay ghi văn bản, đã chuyển sang tep-khac/ "
        "(không xóa): van-ban/01-to-trinh.pdf → tep-khac/van-ban/01-to-trinh.pdf." in result.out
    )
    # Kept there, it is not listed again at the next rebuild.
    again = run_cli("build", "--force", "-o", out, workbook)
    assert aside.exists() and "tep-khac" not in again.out


def test_the_period_build_says_what_it_kept_of_a_hand_edited_document(period, run_cli) -> None:
    folder = period()
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code in (0, 1)
    (office,) = (folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-to-trinh.docx")
    fixed = Document(str(office))
    fixed.add_paragraph("Thường trực sửa tay.")
    fixed.save(str(office))
    result = run_cli("period", "build", "--no-pdf", folder)
    batch = office.parent.parent
    assert f"  ⚠ {batch}: 1 văn bản đã bị sửa tay sau lần tạo trước" in result.out
    assert (batch / "sua-tay" / "van-ban" / "01-to-trinh.docx").exists()
