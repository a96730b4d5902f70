"""The office's own Word templates for the units' dossiers a period builds: `templates` in
dot-xet.toml (relative to the period folder) or `hoso period build --templates`, which wins; a
template's mistake is said once for the whole build, not once per unit."""

from __future__ import annotations

from pathlib import Path

from tests.test_build import _template, _texts

VI_DU = "vi-du-xa-bu-gia-map-2026"


def _name_templates(folder: Path, where: str) -> None:
    config = folder / "dot-xet.toml"
    config.write_text(f'templates = "{where}"\n' + config.read_text(encoding="utf-8"), "utf-8")


def _to_trinh(out: Path) -> str:
    unit = sorted(p for p in (out / "don-vi").iterdir() if not p.name.startswith("."))[0]
    return _texts(unit / "van-ban" / "01-to-trinh.docx")


def test_the_periods_templates_make_the_units_dossiers(period, run_cli) -> None:
    folder = period(VI_DU)
    _template(folder / "mau", "to-trinh.docx", "MẪU CỦA CƠ QUAN {{ dia_danh_ngay }}")
    _name_templates(folder, "mau")
    run_cli("period", "build", "--no-pdf", "-q", folder)
    assert "MẪU CỦA CƠ QUAN" in _to_trinh(folder / "ket-qua")

    other = _template(folder / "mau-khac", "to-trinh.docx", "MẪU KHÁC {{ dia_danh_ngay }}")
    run_cli("period", "build", "--no-pdf", "-q", "--templates", other, folder)
    assert "MẪU KHÁC" in _to_trinh(folder / "ket-qua")


def test_a_missing_templates_folder_is_named_at_its_key(period, run_cli) -> None:
    folder = period(VI_DU)
    _name_templates(folder, "khong-co")
    result = run_cli("period", "check", folder)
    assert result.code != 0
    assert f"templates: không có thư mục {folder / 'khong-co'}" in result.out + result.err


def test_a_template_mistake_is_said_once(period, run_cli) -> None:
    folder = period(VI_DU)
    _template(folder / "mau", "to-trinh.docx", "{{ ky.chuc_danh_khong_co }}")
    _name_templates(folder, "mau")
    result = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert result.out.count("không có phần “chuc_danh_khong_co”") == 1, result.out


def test_period_init_explains_the_templates_and_number_keys(tmp_path, run_cli) -> None:
    folder = tmp_path / "dot-xet"
    assert run_cli("period", "init", folder, "--plan", "bu-gia-map-cds-2022-2025").code == 0
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    assert "# Mẫu Word riêng của cơ quan (thư mục, tính từ thư mục đợt xét;" in text
    assert "hoso period build --templates THƯ_MỤC được ưu tiên hơn khóa này" in text
    assert (
        "# number = 45  # số Tờ trình tổng hợp khi văn thư đã cấp số "
        '(hoặc "45/TTr-UBND"; in “Số: 45/TTr-UBND” và ngày date'
    ) in text
    # Uncommented as written (with the folder made), both keys are taken.
    (folder / "mau-cua-toi").mkdir()
    text = text.replace('# templates = "mau-cua-toi"', 'templates = "mau-cua-toi"')
    text = text.replace("# date = 2025-12-15", "date = 2025-12-15")
    config.write_text(text.replace("# number = 45", "number = 45"), encoding="utf-8")
    result = run_cli("period", "check", folder)
    assert "không hợp lệ" not in result.err, result.err
