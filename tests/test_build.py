"""build(): check first, strict templates, template lookup order, safe output, manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from docx import Document as Docx

from pipeline.build import BuildOptions, build
from pipeline.build.output import LOCK_NAME
from tests.conftest import cell_of, edit


def _texts(path: Path) -> str:
    doc = Docx(path)
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")  # non-breaking spaces: test_line_breaks


def _tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _template(folder: Path, name: str, *lines: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = Docx()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(folder / name)
    return folder


def test_build_writes_every_document_and_a_manifest(example, tmp_path: Path) -> None:
    path = example()
    report = build([path], BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    folder = tmp_path / "out" / "hoso"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["plan"] == "bu-gia-map-cds-2022-2025"
    assert manifest["review"] == "so-ket-2023" and manifest["award"] == "bang-khen-tinh"
    assert manifest["workbook_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    kinds = [d["kind"] for d in manifest["documents"]]
    assert kinds[:3] == ["to-trinh", "danh-sach", "bien-ban"]
    passed = [n for n in manifest["nominees"] if n["passed"]]
    assert kinds.count("bao-cao-thanh-tich") == len(passed) == 12
    failed = [n for n in manifest["nominees"] if not n["passed"]]
    assert [n["kind"] for n in failed] == ["ca-nhan"]
    for doc in manifest["documents"]:
        data = (folder / doc["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == doc["sha256"]
    reports = {d["nominee"] for d in manifest["documents"] if d["kind"] == "bao-cao-thanh-tich"}
    assert reports == {n["id"] for n in passed}


def test_same_workbook_gives_byte_identical_docx(example, tmp_path: Path) -> None:
    path = example()
    build([path], BuildOptions(out_dir=tmp_path / "a", pdf=False))
    build([path], BuildOptions(out_dir=tmp_path / "b", pdf=False))
    first, second = _tree(tmp_path / "a" / "hoso"), _tree(tmp_path / "b" / "hoso")
    assert first == second and any(k.endswith(".docx") for k in first)


def test_workbook_with_errors_builds_nothing(example, tmp_path: Path, run_cli) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Giới tính", 3)] = "M"
    result = run_cli("build", "--no-pdf", "-o", tmp_path / "out", path)
    assert result.code == 1
    assert f"{path} › Cá nhân!C3: “Giới tính” không hợp lệ" in result.out
    assert not (tmp_path / "out" / "hoso").exists()


def test_one_bad_workbook_does_not_stop_the_others(example, tmp_path: Path, run_cli) -> None:
    good = example(name="tot.xlsx")
    bad = example(name="loi.xlsx")
    with edit(bad) as wb:
        wb["Thông tin chung"]["B2"] = "khong-co"
    result = run_cli("build", "--no-pdf", "-o", tmp_path / "out", good, bad)
    assert result.code == 1
    assert (tmp_path / "out" / "tot" / "manifest.json").is_file()
    assert not (tmp_path / "out" / "loi").exists()
    assert f"✗ {bad}" in result.out


def test_unknown_template_variable_is_refused_before_writing(example, tmp_path: Path) -> None:
    templates = _template(tmp_path / "mau", "to-trinh.docx", "Số: {{ so }}", "{{ ten_khong_co }}")
    report = build(
        [example()], BuildOptions(out_dir=tmp_path / "out", templates=templates, pdf=False)
    )
    error = report.results[0].error or ""
    assert report.exit_code == 1
    assert "to-trinh.docx" in error and "ten_khong_co" in error
    out = tmp_path / "out"
    assert not out.exists() or [p.name for p in out.iterdir()] == [LOCK_NAME]  # nothing written


def test_missing_nested_value_names_template_and_variable(example, tmp_path: Path) -> None:
    templates = _template(tmp_path / "mau", "to-trinh.docx", "{{ ky.chuc_danh_khong_co }}")
    report = build(
        [example()], BuildOptions(out_dir=tmp_path / "out", templates=templates, pdf=False)
    )
    error = report.results[0].error or ""
    assert "to-trinh.docx: đoạn 1 (" in error and "không có phần “chuc_danh_khong_co”" in error


def test_user_templates_take_precedence(example, tmp_path: Path) -> None:
    templates = _template(tmp_path / "mau", "to-trinh.docx", "MẪU RIÊNG {{ dia_danh_ngay }}")
    report = build(
        [example()], BuildOptions(out_dir=tmp_path / "out", templates=templates, pdf=False)
    )
    assert report.exit_code == 0
    folder = tmp_path / "out" / "hoso" / "van-ban"
    # Unnumbered, so its day and month are left to the văn thư.
    assert "MẪU RIÊNG Bù Gia Mập, ngày     tháng     năm 2023" in _texts(
        folder / "01-to-trinh.docx"
    )
    assert "MẪU RIÊNG" not in _texts(folder / "02-danh-sach.docx")  # still the built-in one


def test_failure_mid_batch_keeps_previous_output(example, tmp_path: Path) -> None:
    path = example()
    out = tmp_path / "out"
    assert build([path], BuildOptions(out_dir=out, pdf=False)).exit_code == 0
    before = _tree(out / "hoso")
    # A template that passes the pre-flight check but fails while rendering the collectives' reports.
    templates = _template(tmp_path / "mau", "bao-cao-tap-the.docx", "{{ thong_tin.khong_co }}")
    report = build([path], BuildOptions(out_dir=out, templates=templates, pdf=False))
    assert report.exit_code == 1 and "bao-cao-tap-the.docx" in (report.results[0].error or "")
    assert _tree(out / "hoso") == before
    assert sorted(p.name for p in out.iterdir()) == [LOCK_NAME, "hoso"]  # no staging folder left


def test_names_from_data_cannot_escape_the_folder(example, tmp_path: Path) -> None:
    path = example()
    with edit(path) as wb:
        ws = wb["Cá nhân"]
        ws[cell_of(ws, "Họ và tên", 2)] = "../../etc/passwd"
    report = build([path], BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert report.exit_code == 0
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file() and p.name != LOCK_NAME]
    assert all(tmp_path / "out" / "hoso" in p.parents for p in written)
    assert any(p.name.endswith("-etc-passwd.docx") for p in written)


def test_two_workbooks_with_the_same_name_are_refused(example, tmp_path: Path) -> None:
    first = example()
    other = tmp_path / "khac"
    other.mkdir()
    second = other / "hoso.xlsx"
    second.write_bytes(first.read_bytes())
    report = build([first, second], BuildOptions(out_dir=tmp_path / "out", pdf=False))
    assert report.exit_code == 1
    assert "Trùng tên thư mục kết quả" in (report.results[1].error or "")


def test_the_second_workbook_of_a_name_is_said_refused_with_its_own_findings(
    example, tmp_path: Path, run_cli
) -> None:
    """Never a ✓ above the refusal: the file's line says it, then its warnings (example data)."""
    first = example()
    (tmp_path / "khac").mkdir()
    second = tmp_path / "khac" / "hoso.xlsx"
    second.write_bytes(first.read_bytes())
    out = tmp_path / "out"
    result = run_cli("build", "--no-pdf", "-q", "-o", out, first, second)
    assert result.code == 1
    lines = result.out.splitlines()
    assert f"✓ {second}" not in result.out
    refused = lines.index(
        f"✗ {second}: Trùng tên thư mục kết quả {out / 'hoso'} với {first}; hãy đổi tên một tệp. "
        "(các ô trong tệp: 0 lỗi, 5 cảnh báo)"
    )
    assert lines[refused + 1] == "  Cảnh báo:"
    assert lines[refused + 2].startswith(f"    {second} › Thông tin chung!B14: người ký")
    assert (
        "Tổng cộng: 2 tệp, 1 tệp có lỗi (1 tệp không tạo được hồ sơ, xem trên); "
        "các ô: 0 lỗi, 10 cảnh báo." in lines
    )
    assert sum(line.startswith(f"✗ {second}") for line in lines) == 1  # said once


def test_plan_template_folder(example, tmp_path: Path) -> None:
    """A preset's `templates` key points to a folder that overrides the built-in templates."""
    from pipeline.inputs.plans import get_plan

    source = get_plan("bu-gia-map-cds-2022-2025").path.read_text(encoding="utf-8")
    plans = tmp_path / "plans"
    _template(plans / "mau-tinh", "danh-sach.docx", "DANH SÁCH CỦA TỈNH: {{ doi_tuong }}")
    (plans / "bu-gia-map-cds-2022-2025.toml").write_text(
        source.replace('movement = "', 'templates = "mau-tinh"\nmovement = "', 1), encoding="utf-8"
    )
    report = build([example()], BuildOptions(out_dir=tmp_path / "out", plans_dir=plans, pdf=False))
    assert report.exit_code == 0, report.results[0].error
    text = _texts(tmp_path / "out" / "hoso" / "van-ban" / "02-danh-sach.docx")
    assert "DANH SÁCH CỦA TỈNH: tập thể, cá nhân" in text


def test_lint_command_passes_built_documents_and_names_violations(
    example, tmp_path: Path, run_cli
) -> None:
    build([example()], BuildOptions(out_dir=tmp_path / "out", pdf=False))
    built = sorted((tmp_path / "out" / "hoso").rglob("*.docx"))
    result = run_cli("lint", *built)
    assert result.code == 0, result.out
    assert result.out.count("0 lỗi thể thức") == len(built) == 15
    bad = Docx(built[0])
    bad.paragraphs[0].runs[0].font.name = "Arial"
    for section in bad.sections:
        section.left_margin = section.right_margin
    broken = tmp_path / "sua.docx"
    bad.save(broken)
    result = run_cli("lint", broken)
    assert result.code == 1
    assert result.out == (
        f"✗ {broken}: 2 lỗi thể thức\n"
        "    lề trang: Lề trái 15 mm, cần 30–35 mm\n"
        "    đoạn “TỜ TRÌNH”: Phông chữ “Arial”, cần Times New Roman\n"
    )
    assert "Traceback" not in result.out + result.err
