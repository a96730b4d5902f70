"""`hoso period …`: a review period's folder, checked as a whole (thin layer over pipeline.period)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from pipeline.build import BuildOptions
from pipeline.build import build as build_units
from pipeline.build.output import OutputLock
from pipeline.build.progress import NullProgress, for_terminal
from pipeline.cli import early, vietnamese_click
from pipeline.cli.period_build_texts import period_build_text
from pipeline.cli.period_texts import (
    check_steps,
    council_text,
    examples_text,
    init_text,
    nothing_decided,
    nothing_to_print,
    period_json,
    period_text,
)
from pipeline.cli.signing_texts import signed_add_text
from pipeline.cli.texts import missing_plan_text
from pipeline.errors import HosoError
from pipeline.inputs.certificates import load_calibration, wrong_kind
from pipeline.inputs.plans import get_plan
from pipeline.period.build import build_period
from pipeline.period.certificates import (
    certificate_kind,
    editable_calibration,
    write_certificates,
    write_test_page,
)
from pipeline.period.check import UNNUMBERED, check_period
from pipeline.period.config import CONFIG_FILE, OFFICE_OUT, UNITS_OUT, Period, load_period
from pipeline.period.consolidate import consolidate
from pipeline.period.council import COUNCIL_FILE
from pipeline.period.council_sheet import council_state, write_council_sheet
from pipeline.period.scaffold import init_period
from pipeline.period.signatures import with_signatures
from pipeline.signing.takeback import take_dropped

RESULTS_DIR = "ket-qua"  # the default output folder, inside the period folder
# Stock is costly: the preview (the stock's picture behind the text) must not be printed on it.
PRINT_ON_STOCK = (
    "Tiếp theo: in tệp không có “-xem-truoc” trong tên (ví dụ giay-khen.pdf) lên phôi, ở đúng cỡ "
    "thật (100%, không chọn “Vừa trang”); tệp …-xem-truoc.pdf có hình phôi phía sau, chỉ để xem "
    "trước trên màn hình, không in lên phôi."
)
OUT = click.option(
    "-o",
    "--out",
    metavar="THƯ_MỤC",
    type=click.Path(path_type=Path),
    help="Thư mục kết quả (mặc định: THƯ_MỤC/ket-qua).",
)
# `hoso init` and `hoso period init`: the plan a workbook or a period follows, and its review.
PLAN = click.option(
    "--plan",
    "plan_id",
    required=True,
    type=vietnamese_click.Code(missing_plan_text),
    metavar="MÃ",
    help="Mã kế hoạch (xem: hoso plans).",
)
REVIEW = click.option(
    "--review", "review_id", metavar="MÃ", help="Mã đợt xét (mặc định: đợt đầu tiên của kế hoạch)."
)
# `hoso build`, `hoso period build` and `hoso period certificates`: how long to wait for another
# build writing the same folder.
WAIT = click.option(
    "--wait",
    type=vietnamese_click.FloatRange(min=0),
    metavar="GIÂY",
    default=600,
    show_default=True,
    help="Số giây chờ khi một lần tạo hồ sơ khác đang ghi vào cùng thư mục kết quả.",
)
FOLDER = click.argument(
    "folder", metavar="THƯ_MỤC", type=click.Path(path_type=Path, file_okay=False)
)


def _period(folder: Path) -> Period:
    """The period in `folder`; a folder that does not exist is said as such (a mistyped name)."""
    if not folder.is_dir():
        raise HosoError(
            f"Không có thư mục {folder}: hãy chỉ thư mục của đợt xét (thư mục có tệp "
            f"{CONFIG_FILE}), hoặc tạo đợt xét mới bằng “hoso period init {folder} --plan …”."
        )
    return load_period(folder)


@click.group(cls=vietnamese_click.Group)
def period() -> None:
    """Đợt xét: nhận hồ sơ của các đơn vị, kiểm tra cả đợt."""


@period.command("init")
@PLAN
@REVIEW
@click.option("--example", is_flag=True, help="Thêm vài đơn vị ví dụ (hư cấu) để thử cả quy trình.")
@FOLDER
def period_init(plan_id: str, review_id: str | None, example: bool, folder: Path) -> None:
    """Tạo thư mục đợt xét: tệp cấu hình dot-xet.toml và thư mục don-vi/ cho tệp của các đơn vị."""
    plan = get_plan(plan_id)
    review = init_period(folder, plan, review_id, example)
    click.echo(init_text(load_period(folder), review.label, example))


@period.command("check")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@FOLDER
def period_check(as_json: bool, folder: Path) -> None:
    """Kiểm tra cả đợt: từng tệp của đơn vị, số lượng toàn đợt, người bị đề nghị hai lần, đơn vị chưa nộp."""
    period_ = _period(folder)
    result = check_period(period_)
    if period_.config.signed:
        result = with_signatures(result, folder / RESULTS_DIR)
    click.echo(period_json(result) if as_json else f"{period_text(result)}\n{check_steps(result)}")
    sys.exit(result.exit_code)


@period.command("council")
@FOLDER
def period_council(folder: Path) -> None:
    """Tạo hoặc cập nhật hoi-dong.xlsx: cuộc họp, thành viên và số phiếu của Hội đồng cơ quan."""
    written = write_council_sheet(check_period(_period(folder)))
    click.echo(council_text(written))


@period.command("build")
@OUT
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng cho hồ sơ của các đơn vị (thay templates trong dot-xet.toml).",
)
@click.option("--no-pdf", is_flag=True, help="Chỉ tạo DOCX, không xuất PDF.")
@click.option("--force", is_flag=True, help="Tạo lại tất cả, kể cả văn bản không thay đổi.")
@WAIT
@click.option("-q", "--quiet", is_flag=True, help="Không hiện tiến độ.")
@click.option(
    "--workers",
    "workers_url",
    metavar="ĐỊA_CHỈ",
    help="Chia việc tạo hồ sơ của các đơn vị cho các máy xử lý của hàng đợi Redis "
    "(redis://máy-chủ:6379/0; mỗi máy chạy hoso worker --queue ĐỊA_CHỈ).",
)
@FOLDER
def period_build(
    folder: Path, out: Path | None, quiet: bool, workers_url: str | None, **chosen: Any
) -> None:
    """Tạo hồ sơ của từng đơn vị hợp lệ, rồi Tờ trình và danh sách tổng hợp của cả đợt."""
    pool = early.take()  # LibreOffice started before hoso's imports (pipeline.cli.early)
    with pool if pool is not None else contextlib.nullcontext():
        period_ = _period(folder)
        no_pdf = chosen["no_pdf"]
        options = BuildOptions(
            out_dir=out or folder / RESULTS_DIR,
            templates=chosen["templates"] or period_.templates_dir,
            pdf=not no_pdf,
            force=chosen["force"],
            wait=chosen["wait"],
        )
        # As `hoso build`: signed PDFs dropped into a unit's or the office's da-ky/ are taken back
        # before rebuilding.
        for results in (UNITS_OUT, OFFICE_OUT):
            taken = take_dropped(options.out_dir / results, wait=options.wait, on_wait=say_busy)
            if taken.accepted or taken.refused:
                click.echo(signed_add_text(taken, dropped=True))
        with contextlib.ExitStack() as stack:
            units = build_units
            if workers_url:
                from pipeline.jobs.period import queue_units  # Celery only when asked for

                units = stack.enter_context(queue_units(workers_url))
            progress = Waiting() if quiet else for_terminal(quiet)
            built = build_period(period_, options, progress, units, pool)
        click.echo(period_build_text(built, pdf=not no_pdf))
        sys.exit(built.exit_code)


def say_busy(said: str) -> None:
    """Say why nothing happens yet: another build (named when known) writes the results folder."""
    click.echo(said, err=True)


class Waiting(NullProgress):
    """--quiet shows no progress; a wait for another build is said all the same (else the
    command seems to hang)."""

    def busy(self, said: str) -> None:
        """Say why nothing happens yet."""
        say_busy(said)


@period.command("certificates")
@OUT
@click.option(
    "--test-page",
    is_flag=True,
    help="Chỉ in trang thử để căn chỉnh phôi (lưới, khung, dấu chữ thập); chép tệp căn chỉnh vào đợt.",
)
@click.option(
    "--calibration",
    metavar="TỆP",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help=(
        "Tệp căn chỉnh phôi cho lần in này (mặc định: can-chinh-phoi/<loại>.toml của đợt, "
        "nếu không có thì của hoso)."
    ),
)
@WAIT
@FOLDER
def period_certificates(
    folder: Path, out: Path | None, test_page: bool, calibration: Path | None, wait: float
) -> None:
    """In Bằng khen, Giấy khen trên phôi cho các hình thức do cơ quan quyết định (kèm bản xem trước)."""
    period_ = _period(folder)
    out = out or folder / RESULTS_DIR
    own = load_calibration(calibration) if calibration else None
    if not period_.decided:  # nothing is printed on stock here: no test page either
        raise HosoError(nothing_decided(period_))
    kinds = sorted({certificate_kind(a) for a in period_.decided})
    wrong = [w for k in kinds if own and (w := wrong_kind(own, k))]
    if wrong:
        raise HosoError(wrong[0])
    if test_page:
        for kind in kinds:
            click.echo(
                f"Trang in thử: {write_test_page(kind, out, own or period_.calibration(kind))}"
            )
            if own is None:
                path = editable_calibration(period_, kind)
                click.echo(f"  Tệp căn chỉnh (sửa rồi in thử lại): {path}")
        return
    checked = check_period(period_)
    if period_.config.signed:  # against the documents of the last period build, as check does
        checked = with_signatures(checked, folder / RESULTS_DIR)
    if period_.plan.dossier.has_council and checked.council is None:
        # Printed stock is for who passed the office's council: not before it has voted.
        raise HosoError(
            f"{folder / COUNCIL_FILE}: {council_state(checked)} Phôi chỉ in sau khi Hội đồng của "
            f"cơ quan đã biểu quyết: hoso period council {folder}, điền, rồi in lại."
        )
    decided = consolidate(checked, decided=True)
    if not decided:
        raise HosoError(nothing_to_print(checked))
    # The results folder has one writer at a time: a period build may be replacing tong-hop/.
    with OutputLock(out, wait=wait, on_wait=Waiting().busy):
        written = write_certificates(period_, decided, out / OFFICE_OUT, own)
    for path in written:
        click.echo(f"Đã ghi {path}")
    click.echo(PRINT_ON_STOCK)
    for line in examples_text(checked):  # printed from fictional people: units named
        click.echo(line, err=True)
    for finding in checked.findings:
        if finding.code == UNNUMBERED:  # printed with blanks: say so where the clerk looks
            click.echo(f"⚠ {finding}", err=True)
