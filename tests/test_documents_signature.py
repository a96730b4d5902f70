"""The signature block of a collective body (NĐ 30, Phụ lục I): a deputy of a Ủy ban nhân dân
signs "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", whether the clerk chose "TM." or "KT.";
a body led by one head (a Sở) keeps "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import edit, label_row
from tests.doctext import lines
from tests.test_clerk_habits import docs, findings_at, put_form

INFO = "Thông tin chung"
SO = "so-vhttdl-binh-phuoc-cds-2022-2025"


def test_a_deputy_of_a_committee_choosing_kt_signs_for_the_committee_too(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()  # Ủy ban nhân dân huyện Bù Gia Mập, its Phó Chủ tịch signing
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Quyền hạn ký", "KT.")
        put_form(wb, INFO, "Chức vụ người ký", "Phó Chủ tịch")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    said = findings_at(result.out, path, INFO, cell)
    assert len(said) == 1, result.out
    assert "làm việc theo chế độ tập thể" in said[0], said
    assert "“TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH”" in said[0], said
    assert "Chọn “TM.” ở ô này" in said[0], said
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert last.endswith("| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ Hà Kim Yến"), last


def test_the_examples_deputy_signs_for_the_committee_without_a_warning(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert "chế độ tập thể" not in result.out, result.out
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert "| TM. ỦY BAN NHÂN DÂN ¶ KT. CHỦ TỊCH ¶ PHÓ CHỦ TỊCH ¶ " in last, last


def test_a_deputy_director_of_a_department_signs_kt_alone(example, run_cli, tmp_path: Path) -> None:
    path = example(SO)
    with edit(path) as wb:
        cell = put_form(wb, INFO, "Quyền hạn ký", "KT.")
        put_form(wb, INFO, "Chức vụ người ký", "Phó Giám đốc")
        put_form(wb, INFO, "Họ tên người ký", "Lâm Thị Hoa")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    assert result.code == 0, result.out
    assert not findings_at(result.out, path, INFO, cell), result.out
    last = lines(docs(tmp_path / "out") / "01-to-trinh.docx")[-1]
    assert last.endswith("| KT. GIÁM ĐỐC ¶ PHÓ GIÁM ĐỐC ¶ Lâm Thị Hoa"), last


def test_the_warning_names_the_body_in_full_as_its_tm_line_does(
    example, run_cli, tmp_path: Path
) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb[INFO]
        ws.cell(label_row(ws, "Cơ quan trình khen"), 2).value = "UBND huyện Bù Gia Mập"
        cell = put_form(wb, INFO, "Quyền hạn ký", "KT.")
        put_form(wb, INFO, "Chức vụ người ký", "Phó Chủ tịch")
    result = run_cli("build", "--no-pdf", "-q", "-o", tmp_path / "out", path)
    (said,) = findings_at(result.out, path, INFO, cell)
    assert (
        "cấp phó ký thay người đứng đầu thì cũng ký thay mặt Ủy ban nhân dân (Nghị định "
        "30/2020/NĐ-CP, Phụ lục I), nên chữ ký in “TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ "
        "TỊCH”."
    ) in said, said
    assert "UBND (" not in said
