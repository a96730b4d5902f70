"""Certificates of the awards an office decides: the text of each field, written to print on stock."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pipeline.check.model import Individual, Nominee
from pipeline.check.signature import signature_lines
from pipeline.files import write_atomically
from pipeline.inputs.certificates import Calibration
from pipeline.period.config import Period, certificate_kind
from pipeline.period.consolidate import Consolidated
from pipeline.period.issuer import issuing
from pipeline.period.register import first_numbers
from pipeline.period.sheets import write_atomic
from pipeline.vietnamese import format_short_date, place_and_date

CERTIFICATES_OUT = "phoi"  # OUT/phoi/<award id>/: the certificates to print on stock


def certificate_texts(
    period: Period, consolidated: Consolidated, first: int = 1
) -> list[dict[str, str]]:
    """One mapping field → text per awardee, in the order of the decision's list; `first` is
    the số sổ vàng of the first one."""
    review = period.review
    decision = issuing(period)
    lines = signature_lines(decision.authority, decision.signer_title, decision.body)
    signer = "\n".join(lines) if isinstance(lines, tuple) else decision.signer_title.upper()
    number = decision.number or " " * 12
    when = format_short_date(decision.date) if decision.date else "…/…/……"
    year = decision.date.year if decision.date else review.year
    common = {
        "chuc_danh": consolidated.award.awarded_by.upper(),
        "thanh_tich": (
            f"Đã có thành tích xuất sắc trong phong trào thi đua “{period.plan.movement}”, "
            f"{review.phrase}"
        ),
        "quyet_dinh": f"Quyết định số {number} ngày {when}",
        "dia_danh_ngay": place_and_date(decision.place, decision.date, year=year),
        "chuc_vu_ky": signer,
        "nguoi_ky": decision.signer_name,
    }
    out = []
    for i, nominee in enumerate(consolidated.batch.proposed):
        out.append(common | _awardee(nominee) | {"so_so_vang": f"Số sổ vàng: {first + i}"})
    return out


def _awardee(nominee: Nominee) -> dict[str, str]:
    """Ông/Bà and the name with position and unit, or a collective's name."""
    if isinstance(nominee, Individual):
        title = "Bà" if nominee.gender == "Nữ" else "Ông"
        where = ", ".join(p for p in (nominee.position, nominee.workplace) if p)
        return {"nguoi_nhan": f"{title} {nominee.name}", "chuc_vu_don_vi": where}
    return {"nguoi_nhan": nominee.name, "chuc_vu_don_vi": ""}


def write_certificates(
    period: Period, decided: Sequence[Consolidated], out_dir: Path, calibration: Calibration | None
) -> list[Path]:
    """The certificates of the awards decided here (to print on stock), with their previews."""
    written = []
    for consolidated, first in zip(decided, first_numbers(period, decided), strict=True):
        written += _award_certificates(period, consolidated, first, out_dir, calibration)
    return written


def certificate_files(decided: Sequence[Consolidated], out_dir: Path) -> list[Path]:
    """The files write_certificates writes: each award's certificates, then their preview."""
    paths = []
    for consolidated in decided:
        kind = certificate_kind(consolidated.award)
        folder = out_dir / CERTIFICATES_OUT / consolidated.award.id
        paths += [folder / f"{kind}.pdf", folder / f"{kind}-xem-truoc.pdf"]
    return paths


def _award_certificates(
    period: Period, consolidated: Consolidated, first: int, out_dir: Path, own: Calibration | None
) -> list[Path]:
    """One award's certificates and preview, in OUT/phoi/<award id>/."""
    # reportlab (and the uharfbuzz, fontTools it loads) only when certificates are drawn.
    from pipeline.pdf.certificates import draw_certificates

    kind = certificate_kind(consolidated.award)
    calibration = own or period.calibration(kind)
    pages = certificate_texts(period, consolidated, first)
    folder = out_dir / CERTIFICATES_OUT / consolidated.award.id
    written = []
    for name, preview in ((f"{kind}.pdf", False), (f"{kind}-xem-truoc.pdf", True)):
        write_atomic(folder / name, draw_certificates(calibration, pages, preview=preview))
        written.append(folder / name)
    return written


def stock_kinds(period: Period) -> list[str]:
    """The kinds of stock the period's certificates are printed on (its awards decided here)."""
    return sorted({certificate_kind(a) for a in period.decided})


def calibration_key(period: Period) -> list[str]:
    """What the certificates' look depends on besides their text: each stock's calibration."""
    return [repr(replace(period.calibration(k), path=Path())) for k in stock_kinds(period)]


def editable_calibration(period: Period, kind: str) -> Path:
    """The office's own calibration file of a stock, first copied from hoso's when it has none:
    the file a clerk edits after measuring the test page against the stock."""
    path = period.stock_dir / f"{kind}.toml"
    if not path.is_file():
        shipped = period.calibration(kind).path
        write_atomically(path, lambda tmp: shutil.copyfile(shipped, tmp))
    return path


def write_test_page(kind: str, out_dir: Path, calibration: Calibration) -> Path:
    """The calibration page of a kind of stock: grid, boxes and crosshairs."""
    from pipeline.pdf.certificates import draw_test_page  # reportlab only when drawn

    path = out_dir / f"can-chinh-{kind}.pdf"
    write_atomic(path, draw_test_page(calibration))
    return path
