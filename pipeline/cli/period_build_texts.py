"""What `hoso period build` prints: the units' dossiers and the office's documents, made or
failed (and what a failed folder keeps), the files written, then the office's next steps."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.build.foreign import Kept, kept_text
from pipeline.build.manifest import SetAsideEntry, read_manifest
from pipeline.build.signed import set_aside_text
from pipeline.check.examples import EXAMPLE_CODE
from pipeline.check.model import Batch
from pipeline.cli.period_texts import example_units, period_text
from pipeline.period.build import PeriodBuild
from pipeline.period.certificates import CERTIFICATES_OUT
from pipeline.period.check import UNNUMBERED, status_label
from pipeline.period.config import OFFICE_OUT
from pipeline.period.council import COUNCIL_FILE
from pipeline.period.outdated import outdated_text


def period_build_text(built: PeriodBuild, *, pdf: bool = True) -> str:
    """The period's check (findings, status table), then what was made for the units and office
    (`pdf` false: the build ran with --no-pdf)."""
    out = [period_text(built.checked), "", *_units_lines(built), *_offices_lines(built)]
    out += [f"Đã ghi {path}" for path in built.extras]
    blank = [p for p in built.extras if CERTIFICATES_OUT in p.parts]
    if blank and any(f.code == UNNUMBERED for f in built.checked.findings):
        # Said beside the files, not only among the warnings: stock spoilt costs money.
        out.append(
            f"⚠ {built.checked.period.certificates} trong phoi/ còn để trống số, ngày Quyết "
            "định: chưa in lên phôi; ghi number, date của [decision] trong dot-xet.toml rồi tạo lại."
        )
    out += outdated_text(built.out_dir, built.outdated, pdf=pdf)
    period = built.checked.period
    if period.decided and period.plan.dossier.has_council and built.checked.council is None:
        out.append(f"Phôi {period.certificates}: chưa in vì Hội đồng của cơ quan chưa biểu quyết.")
    out += examples_built(built)
    out += failed_text(built)  # last: a build that failed somewhere never ends reading as done
    out += signing_steps(built) if pdf else []
    return "\n".join(out)


def _units_lines(built: PeriodBuild) -> list[str]:
    """The units' dossiers: how many were made, which have none, each failure and what it kept."""
    units = built.units
    out: list[str] = []
    made = [r for r in units.results if r.folder]
    same = sum(r.unchanged for r in made)
    new = sum(r.made for r in made)
    # Of every unit the period expects, not only of the workbooks built: "3/5", and the 2 left.
    mine, expected, others = built.expected_made
    beyond = f" và {others} đơn vị ngoài danh sách" if others else ""
    waiting = f" ({expected - mine} đơn vị chưa có hồ sơ)" if expected > mine else ""
    out.append(
        f"Hồ sơ của đơn vị: {mine}/{expected} đơn vị của đợt{beyond}{waiting}; {same} không thay "
        f"đổi, {new} văn bản tạo mới, trong {units.out_dir}/"
    )
    built_from = {r.check.path for r in units.results}
    copies = built.checked.copies  # a unit's second workbook: its row above says so
    left = [
        u
        for u in built.checked.units
        if u.file is None or (u.file not in built_from and u.file not in copies)
    ]
    if left:  # the table above says why; here, that their dossiers are not among these
        out.append(
            "  Chưa có hồ sơ, nên chưa có trong văn bản của cơ quan: "
            + "; ".join(f"{u.name} ({status_label(u)})" for u in left)
            + "."
        )
    names = {u.file: u.name for u in built.checked.units if u.file is not None}
    for r in units.results:
        if r.error:
            unit = f"{names[r.check.path]} ({r.check.label})" if r.check.path in names else ""
            out.append(f"  ✗ {unit or r.check.label}: không tạo được hồ sơ: {r.error}")
            out.append(f"    {kept_before(units.out_dir / r.check.path.stem, r.check.batch)}")
            if built.offices:  # a unit with no dossier has nothing to send up: left out
                out.append(
                    "    Văn bản của cơ quan dưới đây không tính đề nghị của đơn vị này (chưa có "
                    "hồ sơ để gửi lên): tạo được hồ sơ rồi thì chạy lại để tính."
                )
        elif r.folder is not None:
            said = [set_aside_text(r.folder, r.set_aside), *kept_text(r.folder, r.kept)]
            out += [f"  {text}" for text in said if text]
    return out


def _offices_lines(built: PeriodBuild) -> list[str]:
    """The office's folders: made (with what a rebuild set aside), failed (what is kept), or why
    none was made."""
    out: list[str] = []
    if not built.offices:
        unsigned = sum(bool(u.signing) for u in built.checked.units)
        if any(f.severity == "error" for f in built.checked.findings):
            why = "cả đợt còn lỗi (xem trên)"
        elif unsigned:
            why = (
                f"{unsigned} đơn vị chưa ký đủ (xem trên): đợt xét yêu cầu văn bản đã ký số; hãy "
                "đặt bản đã ký vào thư mục của từng đơn vị (nêu ở trên) rồi chạy lại"
            )
        elif built.checked.unbuilt:
            why = "chưa có đơn vị hợp lệ nào tạo được hồ sơ"
        else:
            why = "chưa có đơn vị hợp lệ"
        out.append(f"Văn bản của cơ quan: chưa tạo vì {why}.")
    for kinds, r in built.offices:
        if r.error:
            out.append(f"✗ {r.check.label}: không tạo được văn bản của cơ quan: {r.error}")
            if r.check.batch is not None:
                award = r.check.batch.info.award.id
                out.append(f"  {kept_before(built.out_dir / OFFICE_OUT / award, r.check.batch)}")
        else:
            what = f"{r.made} văn bản tạo mới, {r.reused} không đổi"
            out.append(f"Văn bản của cơ quan → {r.folder} ({kinds}: {what})")
            if r.folder is not None:
                out += [f"  {text}" for text in office_kept(r.folder, r.set_aside, r.kept)]
    return out


def kept_before(folder: Path, batch: Batch | None) -> str:
    """What a folder this build could not make again holds: the last build's, kept as it was
    (made from this very workbook, or from an earlier version of it), or nothing yet."""
    manifest = read_manifest(folder) if folder.is_dir() else None
    if manifest is None:
        return f"Chưa có hồ sơ của lần tạo trước trong {folder}/."
    if batch is not None and manifest.workbook_sha256 == batch.sha256:
        return f"Hồ sơ của lần tạo trước (từ chính tệp này) vẫn giữ nguyên trong {folder}/."
    return (
        f"Hồ sơ của lần tạo trước vẫn giữ nguyên trong {folder}/ nhưng được tạo từ bản trước của "
        "tệp: chưa in, ký hay gửi bản đó cho đến khi tạo lại được."
    )


def examples_built(built: PeriodBuild) -> list[str]:
    """What was made from example (fictional) rows, units named, in the build's summary and not
    only among each file's warnings: the office's documents count those units' proposals too."""
    made = {r.check.path for r in built.units.results if r.folder}
    units = example_units(built.checked, made)
    council = built.offices and any(f.code == EXAMPLE_CODE for f in built.checked.findings)
    out = []
    if units:
        also = " (văn bản của cơ quan có tính đề nghị của các đơn vị này)" if built.offices else ""
        out.append(
            f"⚠ CHÚ Ý: hồ sơ của {len(units)} đơn vị được tạo từ tệp còn dữ liệu ví dụ (hư cấu): "
            f"{'; '.join(units)}{also}."
        )
    if council:
        out.append(
            f"⚠ CHÚ Ý: Biên bản Hội đồng của cơ quan được tạo từ {COUNCIL_FILE} còn dữ liệu ví dụ "
            "(hư cấu)."
        )
    if out:
        out.append(
            "⚠ KHÔNG in, ký hay gửi các văn bản đó trước khi thay bằng dữ liệu thật rồi chạy lại "
            f"hoso period build {built.checked.period.folder}."
        )
    return out


def failed_text(built: PeriodBuild) -> list[str]:
    """The build's failures said once more at its end, so the last lines never read as done."""
    names = {u.file: u.name for u in built.checked.units if u.file is not None}
    units = [names.get(r.check.path, r.check.label) for r in built.units.results if r.error]
    offices = [r.check.label for _, r in built.offices if r.error]
    if not units and not offices:
        return []
    lines = []
    if units:
        these = "các đơn vị này" if len(units) > 1 else "đơn vị này"
        left_out = f" Văn bản của cơ quan chưa tính đề nghị của {these}." if built.offices else ""
        lines.append(
            f"✗ Chưa tạo được hồ sơ của {len(units)} đơn vị: {'; '.join(units)} (lý do ở trên); "
            f"hồ sơ của các đơn vị khác đã được cập nhật.{left_out}"
        )
    if offices:
        lines.append(f"✗ Chưa tạo được văn bản của cơ quan: {'; '.join(offices)} (lý do ở trên).")
    lines.append(f"Sửa rồi chạy lại: hoso period build {built.checked.period.folder}")
    return lines


def signing_steps(built: PeriodBuild) -> list[str]:
    """What the office does next with each folder of its documents just made: sign those not
    signed yet and take the signed files back, then package a submission (a Tờ trình's)."""
    folders = [r.folder for _, r in built.offices if not r.error and r.folder is not None]
    lines = []
    for folder in folders:
        manifest = read_manifest(folder)
        unsigned = [d for d in manifest.documents if d.pdf and not d.signed] if manifest else []
        if unsigned:
            lines.append(
                f"  → ký số {len(unsigned)} văn bản chưa ký trong {folder / 'van-ban'}/: hoso sign "
                "TỆP_PDF -o TỆP_ĐÃ_KÝ --pkcs11 TỆP_THƯ_VIỆN (token) hoặc --p12 TỆP (người ký ký "
                "trước, rồi cơ quan đóng dấu: thêm --role co-quan; danh sách kèm theo: thêm "
                f"--role dinh-kem), rồi hoso signed add {folder} TỆP_ĐÃ_KÝ..."
            )
        if manifest and any(d.kind == "to-trinh" for d in manifest.documents):
            # Submitted to the superior; a decision the office makes itself is issued, not sent.
            lines.append(f"  → đóng gói để nộp lên cấp trên: hoso package {folder}")
    return ["Tiếp theo:", *lines] if lines else []


def office_kept(
    folder: Path, set_aside: Sequence[SetAsideEntry], kept: Sequence[Kept]
) -> list[str]:
    """The office's signed copies a rebuild set aside (its signature is for the old text), and
    the files it kept."""
    said = set_aside_text(folder, set_aside)
    if said is None:
        return kept_text(folder, kept)
    said += (
        " Chữ ký trên bản cũ là cho nội dung trước khi sửa (số, ngày, người ký hay danh sách đã "
        "đổi): không còn giá trị cho văn bản vừa tạo; hãy ký và đóng dấu lại văn bản mới."
    )
    return [said, *kept_text(folder, kept)]
