"""What a new user meets walking through the README: paths, words and hints as the user reads them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_names_the_folder_the_certificates_are_written_to(period, run_cli) -> None:
    line = next(
        ln for ln in README.splitlines() if ln.startswith("hoso period certificates dot-xet-2023  ")
    )
    said = re.search(r"# (\S+)/<mã hình thức>/(\S+\.pdf)", line)
    assert said, line
    folder = period("vi-du-xa-bu-gia-map-2026")  # decides its Giấy khen, after its council
    assert run_cli("period", "certificates", folder).code == 0
    written = list((folder / said[1]).glob(f"*/{said[2]}"))
    assert written, f"{said[1]}/…/{said[2]} not written"


# Words a clerk would read as English in a workbook's comments and input messages.
ENGLISH = re.compile(r"\b(preset|the|of|and|for|with|value|select|invalid|list)\b", re.I)


def test_the_workbook_s_comments_and_input_messages_have_no_english(run_cli, tmp_path) -> None:
    import openpyxl

    path = tmp_path / "de-nghi.xlsx"
    assert run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", path).code == 0
    wb = openpyxl.load_workbook(path)
    assert wb["Thông tin chung"]["A2"].comment.text.startswith("Mã kế hoạch của hoso")
    said = [c.comment.text for ws in wb for row in ws.iter_rows() for c in row if c.comment]
    for ws in wb:
        for dv in ws.data_validations.dataValidation:
            said += [t for t in (dv.prompt, dv.promptTitle, dv.error, dv.errorTitle) if t]
    assert [t for t in said if ENGLISH.search(t)] == []
    titles = [c.value for c in wb["Danh mục"][1]]  # the hidden lists, for whoever unhides them
    assert titles[:3] == ["Kế hoạch", "Đợt xét", "Hình thức khen thưởng"]
    assert [t for t in titles if re.fullmatch(r"[a-z_]+", t) and t != "vi_du"] == []


def test_plans_show_names_the_documents_of_the_dossier_in_vietnamese(run_cli) -> None:
    shown = run_cli("plans", "show", "bu-gia-map-cds-2022-2025").out
    assert (
        "  Hồ sơ gồm: Tờ trình, Danh sách kèm theo Tờ trình, Biên bản họp Hội đồng Thi đua - Khen "
        "thưởng, Báo cáo thành tích\n"
    ) in shown


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_proposal_page_names_the_review_not_its_code() -> None:
    from tests.webtools import make_people, new_proposal

    people = make_people()
    pk = new_proposal(people.clerk_a)
    page = people.clerk_a.get(f"/de-nghi/{pk}/").content.decode()
    said = page.split("<h1>", 1)[1].split("</p>", 1)[0]
    assert "đợt xét “Sơ kết năm 2023”" in said and "so-ket-2023" not in said


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_demo_accounts_are_listed_with_their_roles_in_vietnamese(capsys) -> None:
    from pipeline.cli.web import _demo

    _demo()
    listed = capsys.readouterr().out
    assert "  thidua   Thường trực thi đua\n" in listed
    assert "  quantri  Quản trị\n" in listed
    assert "  vanthu   Văn thư đơn vị, " in listed
    assert not re.search(r"van-thu|thi-dua|quan-tri", listed)


def test_templates_copy_starts_a_folder_of_one_s_own_and_never_overwrites(
    run_cli, tmp_path
) -> None:
    from pipeline.resources import TEMPLATES_DIR

    folder = tmp_path / "mau-cua-toi"
    made = run_cli("templates", "copy", folder)
    assert made.code == 0, made.err
    builtin = sorted(p.name for p in TEMPLATES_DIR.glob("*.docx"))
    assert sorted(p.name for p in folder.iterdir()) == builtin
    assert f"Đã chép {len(builtin)} mẫu vào {folder}:\n" in made.out
    assert f"hoso build de-nghi.xlsx --templates {folder}\n" in made.out
    edited = (folder / "to-trinh.docx").read_bytes() + b"x"
    (folder / "to-trinh.docx").write_bytes(edited)
    again = run_cli("templates", "copy", folder)
    assert again.code == 1 and "to-trinh.docx" in again.err and "không ghi đè" in again.err
    assert (folder / "to-trinh.docx").read_bytes() == edited
    assert f"Mẫu có sẵn nằm trong: {TEMPLATES_DIR}" in run_cli("templates").out


def test_lint_says_what_is_wrong_with_a_template_s_tags(run_cli, tmp_path) -> None:
    from docx import Document

    from pipeline.resources import TEMPLATES_DIR

    for name, text in (("to-trinh.docx", "{% if so %}Số"), ("danh-sach.docx", "{{ ten_sai }}")):
        doc = Document(str(TEMPLATES_DIR / name))
        doc.paragraphs[-1].add_run(text)
        doc.save(str(tmp_path / name))
    said = run_cli("lint", tmp_path).out
    assert (
        "    đoạn 14 (“{% if so %}Số”): lỗi cú pháp: khối {% if %} chưa được đóng: thiếu thẻ "
        "{% endif %}\n"
    ) in said
    assert (
        "    đoạn 21 (“{{ ten_sai }}”): dùng biến không có: ten_sai (xem danh sách biến: hoso "
        "templates)\n" in said
    )
    assert "Jinja" not in said
    # Tags that do not parse: only they are said, no format "error" guessed from broken text.
    assert (
        f"✗ {tmp_path / 'to-trinh.docx'}: 1 lỗi ở thẻ của mẫu (thể thức được kiểm tra khi " in said
    )
    broken = said.split(f"{tmp_path / 'to-trinh.docx'}:")[1].split("✗")[0].split("✓")[0]
    assert "Nội dung:" not in broken and "đoạn “" not in broken


def _announced(run_cli, monkeypatch, tmp_path, host: str) -> str:
    """The line `hoso serve --host HOST` prints once it listens (the server itself not run)."""
    from pipeline.web import server

    monkeypatch.setattr(server, "setup", lambda data, queue, host: tmp_path)
    monkeypatch.setattr(server, "serve", lambda folder, host, port, queue, ready, proxy: ready())
    result = run_cli("serve", "--host", host, "--port", "8932")
    assert result.code == 0, result.err
    return next(line for line in result.out.splitlines() if "trình duyệt" in line)


def test_serve_on_every_address_announces_addresses_a_browser_opens(
    run_cli, monkeypatch, tmp_path
) -> None:
    from pipeline.web import server

    monkeypatch.setattr(server, "lan_addresses", lambda: ["192.168.1.5"])
    assert _announced(run_cli, monkeypatch, tmp_path, "0.0.0.0") == (
        "Mở trình duyệt: http://192.168.1.5:8932/ (từ máy khác trong mạng) hoặc "
        "http://127.0.0.1:8932/ (trên máy này)  (dừng: Ctrl-C)"
    )
    monkeypatch.setattr(server, "lan_addresses", lambda: [])
    monkeypatch.setattr(server.socket, "gethostname", lambda: "may-van-thu")
    line = _announced(run_cli, monkeypatch, tmp_path, "0.0.0.0")
    assert "http://may-van-thu:8932/ (từ máy khác trong mạng)" in line and "0.0.0.0" not in line
    assert _announced(run_cli, monkeypatch, tmp_path, "127.0.0.1") == (
        "Mở trình duyệt: http://127.0.0.1:8932/  (dừng: Ctrl-C)"
    )


def test_the_machine_s_lan_address_is_found_without_loopback() -> None:
    from pipeline.web.server import lan_addresses

    assert all(not ip.startswith("127.") for ip in lan_addresses())


@pytest.mark.django_db
@pytest.mark.usefixtures("data_dir")
def test_the_units_clerks_get_short_logins_that_are_easy_to_type() -> None:
    from pipeline.web.accounts import add_unit_clerks, add_user
    from pipeline.web.demo import add_period

    add_user("vt-ubnd-pn", "thi-dua", "mat-khau-dai-du")  # a name already taken
    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    made = {m.unit: m.name for m in add_unit_clerks("vi-du")}
    assert made["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Bù Gia Mập"] == (
        "vt-vphdnd-ubnd-bgm"
    )
    assert made["Ủy ban nhân dân xã Phú Nghĩa"] == "vt-ubnd-pn_2"
    assert all(len(name) <= 20 for name in made.values()), made


def test_check_lists_a_blank_workbook_s_findings_in_sheet_row_and_column_order(
    run_cli, tmp_path
) -> None:
    path = tmp_path / "de-nghi.xlsx"
    run_cli("init", "--plan", "bu-gia-map-cds-2022-2025", path)
    said = run_cli("check", path).out
    places = re.findall(r"› ([^!:\n]+)(?:!([A-Z]+)(\d+))?:", said)
    sheets = ["Thông tin chung", "Hội đồng", "Thành viên HĐ", "Tập thể"]
    assert list(dict.fromkeys(sheet for sheet, _, _ in places)) == sheets
    order = [(sheets.index(s), int(row or 0), len(col), col) for s, col, row in places]
    assert order == sorted(order), said
    assert "Thông tin chung!B10: thiếu “Ngày tờ trình”" in said.split("!B11")[0]


def test_a_new_period_without_units_says_how_to_list_them(run_cli, tmp_path) -> None:
    folder = tmp_path / "dot-xet"
    made = run_cli("period", "init", folder, "--plan", "bu-gia-map-cds-2022-2025").out
    assert made.splitlines()[3:] == [  # the steps that follow, the office's council among them
        f"Rồi: hoso period check {folder} (kiểm tra cả đợt)",
        f"  → hoso period council {folder} (tạo hoi-dong.xlsx để Hội đồng của cơ quan biểu "
        "quyết, rồi điền số phiếu)",
        f"  → hoso period build {folder} (văn bản của đợt).",
    ]
    said = run_cli("period", "check", folder).out
    assert "Đơn vị  Tình trạng" not in said  # no empty table
    assert (f"Chưa có đơn vị nào phải nộp: {folder / 'dot-xet.toml'} chưa liệt kê đơn vị.") in said
    assert '    [[units]]\n    name = "Phòng Văn hóa và Thông tin huyện Bù Gia Mập"\n' in said
    council = run_cli("period", "council", folder).out
    assert "chưa có gì để biểu quyết" in council and "0 dòng" not in council
    assert "0 số phiếu" not in council
    # The example is a unit of the plan's own place, not of another province.
    elsewhere = tmp_path / "muong-khuong"
    made = run_cli("period", "init", elsewhere, "--plan", "muong-khuong-cds-2022-2025").out
    assert "hoso period council" not in made  # no council in this plan
    said = run_cli("period", "check", elsewhere).out
    assert '    [[units]]\n    name = "Ủy ban nhân dân xã Bản Lầu"\n' in said


def test_a_negative_wait_is_refused_as_typed(run_cli) -> None:
    refused = run_cli("build", "--wait", "-1", "x.xlsx")
    assert refused.code == 2
    assert "'--wait': -1 nằm ngoài khoảng cho phép (từ 0 trở lên)." in refused.err
    assert "-1.0" not in refused.err


def test_certificates_of_a_period_that_decides_nothing_say_so(period, run_cli) -> None:
    folder = period()  # proposes everything upward: decides = []
    said = run_cli("period", "certificates", folder).err
    assert said.startswith(f"Lỗi: {folder / 'dot-xet.toml'}: khóa decides trống:"), said
    assert "hoặc" not in said.split("Nếu")[0]
