"""`hoso period init`: a period folder with its `dot-xet.toml` and `don-vi/`, optionally examples."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pipeline.authoring.scaffold import Audience, Guide, write_workbook
from pipeline.errors import OutputError, PlanError
from pipeline.files import folder_mode, os_error
from pipeline.inputs.plans import Plan, Review
from pipeline.period.check import check_period
from pipeline.period.config import CONFIG_FILE, UNITS_DIR, Office, Period, load_period
from pipeline.period.council import COUNCIL_FILE
from pipeline.period.council_sheet import write_council_sheet
from pipeline.period.examples import ExampleUnit, example_period, example_units
from pipeline.period.sheets import write_atomic
from pipeline.signing.trust import TRUST_FILES


def init_period(
    folder: Path, plan: Plan, review_id: str | None, example: bool, audience: Audience = "cli"
) -> Review:
    """Write a period folder for a plan and review; with `example`, units' workbooks too, whose
    guides give the `audience`'s steps (the commands, or the web app's pages)."""
    review = plan.reviews[0] if review_id is None else plan.review(review_id)
    if review is None:
        known = ", ".join(r.id for r in plan.reviews)
        raise OutputError(f"Kế hoạch {plan.id} không có đợt xét “{review_id}”. Các đợt: {known}.")
    if (folder / CONFIG_FILE).exists():
        hint = (
            f" Xem đợt đó bằng “hoso period check {folder}”, hoặc chọn thư mục khác cho đợt mới."
            if audience == "cli"
            else ""
        )
        raise OutputError(f"{folder / CONFIG_FILE} đã có: thư mục này đã là một đợt xét.{hint}")
    office, deadline, units = (
        example_units(plan, review) if example else (Office(plan.issuer.name), None, [])
    )
    settings = example_period(plan, review) if example else {}
    _refuse_existing(folder, units, example and plan.dossier.has_council)
    try:
        (folder / UNITS_DIR).mkdir(parents=True, exist_ok=True, mode=folder_mode())
    except OSError as exc:
        raise os_error(exc, folder / UNITS_DIR, "tạo") from None
    for unit in units:
        if unit.values is not None:
            path = folder / UNITS_DIR / unit.file
            # On the web, the office opens them from the period page as what the units sent.
            guide: Guide = "sent" if audience == "web" else audience
            write_workbook(path, plan, review, unit.values, unit.marks, guide=guide)
    text = config_text(plan, review, office, deadline, units, settings)
    write_atomic(folder / CONFIG_FILE, text.encode("utf-8"))  # a folder with it is whole
    if example and plan.dossier.has_council:
        # The office's own council, having voted on what the example units propose.
        write_council_sheet(check_period(load_period(folder)), example=True, audience=audience)
    return review


def _refuse_existing(folder: Path, units: Sequence[ExampleUnit], council: bool) -> None:
    """Before anything is written: the example's files must not replace files already there
    (a unit's real workbook, the office's council sheet)."""
    targets = [folder / UNITS_DIR / u.file for u in units if u.values is not None]
    targets += [folder / COUNCIL_FILE] if council else []
    there = [str(t) for t in targets if t.exists() or t.is_symlink()]
    if there:
        raise OutputError(
            f"{', '.join(there)} đã có: hoso không ghi đè tệp có sẵn. Hãy tạo đợt xét ví dụ "
            "trong một thư mục trống."
        )


def create_period(
    folder: Path,
    plan: Plan,
    review_id: str,
    office: Office,
    deadline: dt.date | None,
    units: Sequence[str],
    settings: Mapping[str, Any] | None = None,
) -> Period:
    """A new period folder from an office's answers: `dot-xet.toml` written as `init_period`
    writes it, validated by `load_period` (as `hoso period check` reads it) before it appears;
    PlanError (with each `key: message`) leaves nothing behind."""
    # An unknown review is written as given: load_period then names it at the key `review`.
    review = plan.review(review_id) or replace(plan.reviews[0], id=review_id, label=review_id)
    named = [ExampleUnit(name, "", None, None) for name in units]
    text = config_text(plan, review, office, deadline, named, settings)
    if folder.exists():
        raise OutputError(f"{folder} đã có: hãy chọn tên khác cho đợt xét.")
    staging = folder.with_name(f".{folder.name}-{uuid.uuid4().hex}")
    try:
        (staging / UNITS_DIR).mkdir(parents=True, mode=folder_mode())
        write_atomic(staging / CONFIG_FILE, text.encode("utf-8"))
        load_period(staging)
        staging.rename(folder)
    except PlanError as exc:
        raise PlanError(str(exc).replace(str(staging), str(folder)), exc.problems) from None
    except OSError as exc:
        raise os_error(exc, folder, "tạo") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return load_period(folder)


def config_text(
    plan: Plan,
    review: Review,
    office: Office,
    deadline: dt.date | None,
    units: list[ExampleUnit],
    settings: Mapping[str, Any] | None = None,
) -> str:
    """The `dot-xet.toml` an office edits: every key explained in Vietnamese comments;
    `settings` (an example's [period] table) fills `decides` and `[decision]`."""
    settings = settings or {}
    decides = ", ".join(_s(a) for a in settings.get("decides", ()))
    lines = [
        "# Đợt xét khen thưởng: hoso period check / hoso period build đọc tệp này.",
        f"# Kế hoạch: {plan.document.title}",
        f"plan = {_s(plan.id)}",
        f"review = {_s(review.id)}  # {review.label}",
        "# Hạn nộp hồ sơ của các đơn vị (YYYY-MM-DD); hồ sơ nhận sau ngày này là trễ hạn.",
        f"deadline = {deadline.isoformat()}" if deadline else "# deadline = 2025-12-10",
        "# Mã các hình thức khen thưởng do chính cơ quan này quyết định (xem: hoso plans show);",
        "# để trống khi cơ quan tổng hợp rồi trình cấp trên. Hình thức do thủ trưởng từng đơn vị",
        "# tự quyết định (decided_by_unit trong kế hoạch) không ghi ở đây: cơ quan không xét.",
        f"decides = [{decides}]",
        '# legal = "can-cu.toml"  # tệp căn cứ pháp lý riêng (xem README), nếu có',
        "# Mẫu Word riêng của cơ quan (thư mục, tính từ thư mục đợt xét; chép mẫu có sẵn bằng",
        "# hoso templates copy rồi sửa bằng Word) cho hồ sơ của các đơn vị và văn bản tổng hợp;",
        "# hoso period build --templates THƯ_MỤC được ưu tiên hơn khóa này:",
        '# templates = "mau-cua-toi"',
        "# Đơn vị nộp kèm văn bản PDF đã ký số, trong thư mục don-vi/<tên tệp Excel, bỏ .xlsx>/:",
        "# signed = true",
        "# Thư mục tin cậy để kiểm tra chữ ký của các đơn vị, chứa",
        f"# {TRUST_FILES}:",
        '# trust = "tin-cay"',
        "",
        *_office_lines(office),
        "",
        *_decision_lines(settings.get("decision", {})),
        "",
        "# Các đơn vị phải nộp: tên ghi đúng như ô “Cơ quan trình khen” trong tệp Excel của đơn vị.",
        "# file: tên tệp trong don-vi/ (không bắt buộc); received: ngày nhận (mặc định: ngày của tệp).",
        "# to_trinh, to_trinh_date: số (cả ký hiệu) và ngày Tờ trình của đơn vị như sổ công văn đến",
        '# ghi khi nhận, ví dụ to_trinh = "12/TTr-UBND" và to_trinh_date = 2023-11-20: Tờ trình tổng',
        "# hợp trích theo đó (không ghi: theo số, ngày trong tệp của đơn vị, nếu có).",
    ]
    for unit in units:
        lines += ["", "[[units]]", f"name = {_s(unit.name)}"]
        lines += [f"file = {_s(unit.file)}"] if unit.file else []
        if unit.received and unit.values is not None:
            lines.append(f"received = {unit.received.isoformat()}")
    return "\n".join(lines) + "\n"


def _office_lines(office: Office) -> list[str]:
    """The [office] table."""
    return [
        "[office]  # cơ quan nhận hồ sơ của các đơn vị, tổng hợp và trình (hoặc quyết định)",
        f"name = {_s(office.name)}",
        f"parent_body = {_s(office.parent_body)}  # cơ quan chủ quản",
        f"code = {_s(office.code)}  # ký hiệu cơ quan trong số văn bản",
        f"place = {_s(office.place)}  # địa danh ghi trước ngày tháng",
        f'authority = {_s(office.authority)}  # thẩm quyền ký: "", "TM.", "KT." hoặc "Q."',
        f"signer_title = {_s(office.signer_title)}  # chức vụ người ký",
        f"signer_name = {_s(office.signer_name)}",
        "# date = 2025-12-15  # ngày Tờ trình tổng hợp; mặc định: hạn nộp, hoặc ngày muộn nhất "
        "của Tờ trình đơn vị, nhận hồ sơ, họp Hội đồng nếu muộn hơn",
        f'# number = 45  # số Tờ trình tổng hợp khi văn thư đã cấp số (hoặc "45/TTr-{office.code}"; '
        f"in “Số: 45/TTr-{office.code}” và ngày date, cần ghi cả date); không ghi: để trống số, "
        "ngày cho văn thư ghi",
        '# council_body = "Ủy ban nhân dân …"  # Hội đồng Thi đua - Khen thưởng của cấp nào họp '
        "(hoi-dong.xlsx); mặc định: cơ quan ra Quyết định, nếu không thì cơ quan này",
        f"distribution = [{', '.join(_s(d) for d in office.distribution)}]  # Nơi nhận",
    ]


def _decision_lines(given: Mapping[str, Any]) -> list[str]:
    """The [decision] table: the example's values, else every key commented with an example."""
    examples = {
        "body": "Ủy ban nhân dân xã …",
        "code": "UBND",
        "authority": "",
        "signer_title": "Chủ tịch",
        "signer_name": "",
    }
    lines = [
        "# Quyết định khen thưởng của các hình thức trong decides: cơ quan ban hành, người ký",
        "# (để trống: lấy của [office]; hình thức do cấp khác quyết định, như Bằng khen của Chủ",
        "# tịch UBND tỉnh: cơ quan đó, chỉ cần ghi signer_name), số và ngày khi đã có, số sổ",
        "# vàng đầu tiên.",
        "[decision]",
    ]
    for key, example in examples.items():
        value = given.get(key)
        lines.append(f"{key} = {_s(value)}" if value is not None else f"# {key} = {_s(example)}")
    if given.get("parent_body") is not None:
        lines.append(f"parent_body = {_s(given['parent_body'])}")
    lines.append(f'number = {_s(given.get("number", ""))}  # ví dụ 125 hoặc "125/QĐ-UBND"')
    day = given.get("date")
    lines.append(f"date = {day.isoformat()}" if day else "# date = 2025-12-20")
    recipients = given.get("distribution")
    lines.append(
        f"distribution = [{', '.join(_s(d) for d in recipients)}]  # Nơi nhận"
        if recipients
        else '# distribution = ["Như Điều 3", "Lưu: VT"]  # Nơi nhận; mặc định: Như Điều 3 và '
        "Lưu: VT, <ký hiệu của [office]>"
    )
    lines.append("register_start = 1  # số sổ vàng của người đầu tiên")
    return lines


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)
