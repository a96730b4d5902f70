"""The Quyết định of an award the office decides names the body that can decide it: the award's
deciding body when [decision] names none (a province's Bằng khen drafted for its Chủ tịch), and
a body that cannot decide it (the district itself) is refused at its key, with no Quyết định."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf

BODY_UNSET = 'decides = ["bang-khen-tinh"]'


def decides(folder: Path, *old_new: tuple[str, str]) -> Path:
    """The example period deciding the province's Bằng khen, with more changes to dot-xet.toml."""
    return change(folder, ("decides = []", BODY_UNSET), *old_new)


def change(folder: Path, *old_new: tuple[str, str]) -> Path:
    """dot-xet.toml with each old text replaced (once) by the new."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    for old, new in old_new:
        assert old in text, old
        text = text.replace(old, new, 1)
    config.write_text(text, encoding="utf-8")
    return config


def decision_text(folder: Path) -> list[str]:
    """Every line of the province's award's Quyết định, its header and signature tables first,
    kept-together spaces read as spaces."""
    path = folder / "ket-qua" / "tong-hop" / "bang-khen-tinh" / "van-ban" / "01-quyet-dinh.docx"
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    lines = [line.strip() for text in cells for line in text.split("\n")]
    every = (*lines, *(p.text for p in document.paragraphs))
    return [line.replace("\xa0", " ") for line in every if line]


def test_the_province_s_award_is_decided_under_the_province_s_name(period, run_cli) -> None:
    """Bù Gia Mập's district office lists the province's Bằng khen under decides, no body: the
    Quyết định is the province's (header, place, ký hiệu, signer's title), signed by whom the
    office names, never by its own signer."""
    folder = period()
    config = decides(folder)
    said = run_cli("period", "check", folder).out
    assert (
        f"{config} › decision.signer_name: Quyết định của đợt do Ủy ban nhân dân tỉnh Bình Phước "
        "ban hành, cơ quan có thẩm quyền tặng các hình thức khen thưởng của đợt (in địa danh "
        "“Bình Phước”, ký hiệu QĐ-UBND, chức vụ người ký “Chủ tịch”), nhưng chưa ghi họ tên "
        "người ký của cơ quan đó: người ký văn bản của Ủy ban nhân dân huyện Bù Gia Mập không "
        "ký thay được."
    ) in said
    assert "decision.body" not in said

    change(folder, ('# signer_name = ""', 'signer_name = "Trần Tuệ Hiền"'))
    said = run_cli("period", "check", folder).out
    assert "decision." not in said  # nothing left to say of the decision's body or signer
    run_cli("period", "build", "--no-pdf", "-q", folder)
    lines = decision_text(folder)
    assert lines[0] == "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    assert "Số:       /QĐ-UBND" in lines
    assert "Bình Phước, ngày     tháng     năm 2023" in lines
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC" in lines
    signer = lines.index("Trần Tuệ Hiền")
    assert lines[signer - 1] == "CHỦ TỊCH"
    assert not any("HUYỆN BÙ GIA MẬP" in line or "Hà Kim Yến" in line for line in lines)
    assert any(
        line.startswith("Xét đề nghị của Ủy ban nhân dân huyện Bù Gia Mập và hồ sơ")
        for line in lines
    )
    # The certificates the same: the province's place, its Chủ tịch's title and the signer.
    run_cli("period", "certificates", folder)
    stock = folder / "ket-qua" / "tong-hop" / "phoi" / "bang-khen-tinh" / "bang-khen.pdf"
    page = pypdf.PdfReader(stock).pages[0].extract_text().splitlines()
    assert page[0] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"
    assert page[-3:] == ["Bình Phước, ngày     tháng     năm 2023", "CHỦ TỊCH", "Trần Tuệ Hiền"]


def test_the_office_named_as_the_body_of_a_higher_award_is_refused(period, run_cli) -> None:
    """The district written as the body of the province's Bằng khen: an error at the key, and
    the build makes no Quyết định of that award (nor its list and certificates)."""
    folder = period()
    config = decides(
        folder, ('# body = "Ủy ban nhân dân xã …"', 'body = "Ủy ban nhân dân huyện Bù Gia Mập"')
    )
    said = run_cli("period", "check", folder).out
    assert (
        f"{config} › decision.body: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước” do "
        "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước quyết định, nhưng Quyết định của đợt sẽ do Ủy "
        "ban nhân dân huyện Bù Gia Mập ban hành: hoso không lập Quyết định có tên cơ quan đó với "
        "chức danh “CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC”, vì cơ quan đó không có thẩm quyền "
        "tặng. Nếu cơ quan chỉ tổng hợp để trình, bỏ “bang-khen-tinh” khỏi decides (hoso tạo Tờ "
        "trình tổng hợp); nếu cơ quan soạn Quyết định cho cấp đó ký, ghi decision.body = "
        '"Ủy ban nhân dân tỉnh Bình Phước".'
    ) in said
    built = run_cli("period", "build", "--no-pdf", "-q", folder)
    assert built.code == 1
    assert not (folder / "ket-qua" / "tong-hop" / "bang-khen-tinh").exists()
    printed = run_cli("period", "certificates", folder)
    assert "Lỗi: Cả đợt còn 1 lỗi: sửa theo “hoso period check" in printed.out + printed.err
    assert not (folder / "ket-qua" / "tong-hop" / "phoi").exists()


def test_a_province_s_and_a_district_s_award_in_one_period_are_refused_at_decides(
    period, run_cli
) -> None:
    """One Quyết định names one body: the district decides its own Giấy khen, so the province's
    Bằng khen beside it is not derived, and is said at its line of decides."""
    folder = period()
    config = decides(folder, (BODY_UNSET, 'decides = ["giay-khen-huyen", "bang-khen-tinh"]'))
    said = run_cli("period", "check", folder).out
    assert (
        f"{config} › decides[1]: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước” do "
        "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước quyết định, nhưng Quyết định của đợt sẽ do Ủy "
        "ban nhân dân huyện Bù Gia Mập ban hành (decision.body để trống: tên ở [office]): hoso "
        "không lập Quyết định"
    ) in said
    assert (
        "Mỗi đợt lập Quyết định của một cơ quan: bỏ “bang-khen-tinh” khỏi decides (hoso tạo Tờ "
        "trình tổng hợp trình cấp đó), hoặc lập đợt xét riêng cho hình thức này."
    ) in said
    assert "decides[0]" not in said  # the district's own Giấy khen


def test_a_body_of_the_decider_s_level_under_a_new_name_is_only_warned(period, run_cli) -> None:
    """After provinces merged, the new province decides the old plan's Bằng khen: said, not
    refused."""
    folder = period()
    config = decides(
        folder,
        ('# body = "Ủy ban nhân dân xã …"', 'body = "Ủy ban nhân dân tỉnh Đồng Nai"'),
        ('# signer_name = ""', 'signer_name = "Trần Tuệ Hiền"'),
        ('# signer_title = "Chủ tịch"', 'signer_title = "Chủ tịch"'),
    )
    said = run_cli("period", "check", folder).out
    warned = (
        f"{config} › decision.body: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Bình Phước” do "
        "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước quyết định, nhưng Quyết định của đợt sẽ do Ủy "
        "ban nhân dân tỉnh Đồng Nai ban hành, dưới tên cơ quan đó và chức danh “CHỦ TỊCH ỦY BAN "
        "NHÂN DÂN TỈNH BÌNH PHƯỚC”. Nếu Ủy ban nhân dân tỉnh Đồng Nai là cơ quan kế thừa sau sắp "
        "xếp đơn vị hành chính, có thể giữ nguyên. Nếu cơ quan chỉ tổng hợp để trình, bỏ "
        "“bang-khen-tinh” khỏi decides (hoso tạo Tờ trình tổng hợp); nếu cơ quan soạn Quyết "
        'định cho cấp đó ký, ghi decision.body = "Ủy ban nhân dân tỉnh Bình Phước".'
    )
    assert said.count("› decision.body") == 1
    before = said[: said.index(warned)]
    assert before.rindex("Cảnh báo:") > before.rfind("Lỗi:")  # among the warnings


def test_an_award_whose_decider_ended_cannot_be_decided_after_the_reform(
    run_cli, tmp_path: Path
) -> None:
    """Mường Khương's tổng kết 2025 (after 01/7/2025) listing the district chairman's Giấy khen
    under decides: no body can issue that Quyết định any more, said at the award's key with what
    exists now; the province's Bằng khen beside it is not told to go to a period of its own."""
    folder = tmp_path / "dot-xet"
    made = run_cli(
        "period", "init", folder, "--plan", "muong-khuong-cds-2022-2025",
        "--review", "tong-ket-2025", "--example",
    )  # fmt: skip
    assert made.code == 0, made.err
    config = change(folder, ("decides = []", 'decides = ["giay-khen-huyen"]'))
    said = run_cli("period", "check", folder)
    assert said.code == 1
    assert (
        f"{config} › decides[0]: “Giấy khen của Chủ tịch Ủy ban nhân dân huyện Mường Khương” do "
        "Chủ tịch Ủy ban nhân dân huyện Mường Khương quyết định, nhưng cấp huyện không còn sau "
        "ngày 30/06/2025 (Luật Tổ chức chính quyền địa phương số 72/2025/QH15"
    ) in said.out
    assert (
        "không lập được Quyết định của hình thức đó. Hãy bỏ “giay-khen-huyen” khỏi decides; "
        "hình thức hiện nay: Giấy khen của Chủ tịch Ủy ban nhân dân xã, phường, đặc khu"
    ) in said.out

    change(
        folder, ('decides = ["giay-khen-huyen"]', 'decides = ["giay-khen-huyen", "bang-khen-tinh"]')
    )
    said = run_cli("period", "check", folder).out
    assert f"{config} › decides[0]: “Giấy khen của Chủ tịch Ủy ban nhân dân huyện" in said
    # Once the ended award is out, the province's Bằng khen is issued under the province's name:
    # nothing is said of it before (no period of its own, no decision.body to write).
    assert "lập đợt xét riêng" not in said and f"{config} › decides[1]" not in said
    assert "decision.body" not in said
