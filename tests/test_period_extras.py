"""The period's statistics and register are remade only when what they show changed: a corrected
achievement text rebuilds its unit's report, not the chart (issue 13, rebuild after one edit)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
from pypdf import PdfReader

from tests.conftest import cell_of, decide_here, edit
from tests.test_period import IND, add_people, fix_broken_unit, units


def extras(out: Path) -> dict[str, str]:
    """The content keys the period manifest recorded for its other files."""
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["extras"]


def individuals(statistics: Path) -> list[int]:
    """The individuals proposed by each unit, as the statistics workbook counts them."""
    wb = openpyxl.load_workbook(statistics)
    return [row[3] for row in wb["Theo đơn vị"].iter_rows(min_row=2, values_only=True)]


def test_files_are_remade_only_when_what_they_show_changed(period, run_cli) -> None:
    folder = period("muong-khuong-cds-2022-2025")  # its office can decide its Giấy khen
    decide_here(folder)
    fix_broken_unit(folder)
    out = folder / "ket-qua"
    files = [out / "tong-hop" / n for n in ("thong-ke.xlsx", "thong-ke.png")]
    register = out / "tong-hop" / "so-theo-doi-khen-thuong.xlsx"
    assert run_cli("period", "build", "--no-pdf", "-q", folder).code == 0
    first, keys = {p: p.stat().st_mtime_ns for p in [*files, register]}, extras(out)
    assert set(keys) == {"thong-ke", "so-theo-doi-khen-thuong.xlsx"}
    counted = individuals(files[0])

    with edit(units(folder)[0]) as wb:  # a corrected text: the counts and the register stay
        ws = wb[IND]
        ws[cell_of(ws, "Thành tích", 2)] = f"{ws[cell_of(ws, 'Thành tích', 2)].value} Bổ sung."
    run_cli("period", "build", "--no-pdf", "-q", folder)
    assert {p: p.stat().st_mtime_ns for p in [*files, register]} == first
    assert extras(out) == keys
    listed = {f["path"] for f in json.loads((out / "manifest.json").read_text())["files"]}
    assert {"tong-hop/thong-ke.xlsx", "tong-hop/thong-ke.png"} <= listed

    add_people(units(folder)[0], 1, "Trần")  # one more person: new counts, a new register line
    run_cli("period", "build", "--no-pdf", "-q", folder)
    assert all(p.stat().st_mtime_ns != first[p] for p in [*files, register])
    assert individuals(files[0]) == [counted[0] + 1, *counted[1:]]
    assert extras(out)["thong-ke"] != keys["thong-ke"]


def test_force_remakes_them(period, run_cli) -> None:
    folder = period()
    out = folder / "ket-qua"
    run_cli("period", "build", "--no-pdf", "-q", folder)
    chart = out / "tong-hop" / "thong-ke.png"
    before = chart.stat().st_mtime_ns
    run_cli("period", "build", "--no-pdf", "--force", "-q", folder)
    assert chart.stat().st_mtime_ns != before


def test_certificates_are_redrawn_only_when_their_text_changed(period, run_cli) -> None:
    folder = period("muong-khuong-cds-2022-2025")
    decide_here(folder)
    fix_broken_unit(folder)
    out = folder / "ket-qua"
    assert run_cli("period", "build", "-q", folder).code == 0
    printed = sorted((out / "tong-hop" / "phoi").rglob("*.pdf"))
    assert len(printed) == 2  # the certificates and their preview
    first = [p.stat().st_mtime_ns for p in printed]
    with edit(units(folder)[0]) as wb:  # an achievement text is not on the certificate
        ws = wb[IND]
        ws[cell_of(ws, "Thành tích", 2)] = f"{ws[cell_of(ws, 'Thành tích', 2)].value} Bổ sung."
    run_cli("period", "build", "-q", folder)
    assert [p.stat().st_mtime_ns for p in printed] == first
    with edit(units(folder)[0]) as wb:  # a name is
        ws = wb[IND]
        ws[cell_of(ws, "Họ và tên", 2)] = "Lò Thị Xuân Mai"
    run_cli("period", "build", "-q", folder)
    assert all(p.stat().st_mtime_ns != t for p, t in zip(printed, first, strict=True))
    text = "".join(page.extract_text() for page in PdfReader(printed[0]).pages)
    assert "Lò Thị Xuân Mai" in text.replace("\xa0", " ")
    # The office's own calibration of the stock moves every field: they are redrawn.
    again = [p.stat().st_mtime_ns for p in printed]
    run_cli("period", "certificates", "--test-page", folder)
    own = folder / "can-chinh-phoi" / "giay-khen.toml"
    run_cli("period", "build", "-q", folder)
    assert [p.stat().st_mtime_ns for p in printed] == again  # the same calibration as hoso's
    own.write_text(own.read_text("utf-8").replace("x = 0, y = 0", "x = 2, y = 0"), "utf-8")
    run_cli("period", "build", "-q", folder)
    assert all(p.stat().st_mtime_ns != t for p, t in zip(printed, again, strict=True))


def test_no_stock_is_printed_before_the_office_council_has_voted(period, run_cli) -> None:
    folder = period("vi-du-xa-bu-gia-map-2026")  # decides its Giấy khen, after its council
    (folder / "hoi-dong.xlsx").unlink()
    done = run_cli("period", "build", folder)
    assert "Phôi Giấy khen: chưa in vì Hội đồng của cơ quan chưa biểu quyết." in done.out
    assert not list((folder / "ket-qua" / "tong-hop").glob("phoi/**/*.pdf"))
    assert list((folder / "ket-qua" / "tong-hop").glob("*/van-ban/01-quyet-dinh.pdf"))
