"""The `hoso` command: a thin layer over the library (every command calls one library function)."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from pipeline import __version__
from pipeline.authoring.scaffold import init_workbook
from pipeline.build import BuildOptions, interrupt
from pipeline.build import build as build_batches
from pipeline.build.output import sweep, unstaged
from pipeline.build.progress import for_terminal
from pipeline.build.signed import left_behind
from pipeline.check import check_files
from pipeline.check.workbook import find_workbooks
from pipeline.cli import vietnamese_click
from pipeline.cli.period import PLAN, REVIEW, WAIT, Waiting, period, say_busy
from pipeline.cli.signing import package, sign, signed, verify
from pipeline.cli.signing_texts import left_behind_text, signed_add_text
from pipeline.cli.templates import templates
from pipeline.cli.texts import (
    build_text,
    findings_json,
    findings_text,
    plan_line,
    plan_text,
)
from pipeline.cli.web import serve, user
from pipeline.cli.worker import worker
from pipeline.errors import HosoError
from pipeline.files import reason
from pipeline.inputs import legal as legal_table
from pipeline.inputs.plans import all_plans, get_plan, plan_schema
from pipeline.logs import quiet_libraries
from pipeline.signing.takeback import take_dropped

# Input paths are read by the library, which says in Vietnamese what is wrong with one.
INPUT = click.Path(path_type=Path, readable=False)
WORKBOOKS = "TỆP_EXCEL_HOẶC_THƯ_MỤC..."


class _ReaderGone(Exception):
    """The output's reader closed its end (`hoso check x.xlsx | head -1`)."""


class _Hoso(vietnamese_click.Group):
    """hoso's own group: a write into a closed pipe stops the command as _ReaderGone, for main()
    to end quietly, instead of click's exit 1 (the status of a check that found errors)."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        """The context, --help and --version printed on the way."""
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError as exc:
            raise _ReaderGone from exc

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command asked for."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError as exc:
            raise _ReaderGone from exc


@click.group(cls=_Hoso, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    prog_name="hoso",
    message="%(prog)s, phiên bản %(version)s",
    help="Hiện phiên bản rồi thoát.",
)
def cli() -> None:
    """hoso: tạo hồ sơ đề nghị khen thưởng (Tờ trình, danh sách, Biên bản, Báo cáo thành tích)."""
    quiet_libraries()  # every command: period check and build verify signatures too


@cli.group(invoke_without_command=True)
@click.pass_context
def plans(ctx: click.Context) -> None:
    """Liệt kê các kế hoạch có sẵn (mỗi dòng một kế hoạch, bắt đầu bằng mã)."""
    if ctx.invoked_subcommand is None:
        for plan in all_plans():
            click.echo(plan_line(plan))


@plans.command("show")
@click.argument("plan_id", metavar="MÃ_KẾ_HOẠCH")
def plans_show(plan_id: str) -> None:
    """Xem chi tiết một kế hoạch."""
    click.echo(plan_text(get_plan(plan_id)))


@plans.command("schema")
def plans_schema() -> None:
    """In lược đồ JSON Schema của tệp kế hoạch (data/plans/*.toml)."""
    import json

    click.echo(json.dumps(plan_schema(), ensure_ascii=False, indent=2))


@cli.command()
@PLAN
@REVIEW
@click.option("--example", is_flag=True, help="Điền sẵn dữ liệu ví dụ (hư cấu).")
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
@click.argument("file", metavar="TỆP_EXCEL", type=click.Path(path_type=Path))
def init(plan_id: str, review_id: str | None, example: bool, force: bool, file: Path) -> None:
    """Tạo tệp Excel để điền đề nghị khen thưởng theo một kế hoạch."""
    review = init_workbook(file, get_plan(plan_id), review_id, example, force)
    what = "có dữ liệu ví dụ" if example else "để điền"
    click.echo(f"Đã tạo {file} ({what}): kế hoạch {plan_id}, đợt “{review.label}”.")


LEGAL = click.option(
    "--legal",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    metavar="TỆP",
    help="Tệp căn cứ pháp lý riêng (thêm hoặc thay quy định trong data/legal.toml).",
)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@LEGAL
@click.argument("files", nargs=-1, required=True, metavar=WORKBOOKS, type=INPUT)
def check(as_json: bool, legal: Path | None, files: tuple[Path, ...]) -> None:
    """Kiểm tra tệp Excel: chỉ ra mọi lỗi theo sheet và ô."""
    with legal_table.using(legal):
        results = check_files(find_workbooks(list(files)))
    if not results:
        raise HosoError("Không có tệp .xlsx nào để kiểm tra.")
    click.echo(findings_json(results) if as_json else findings_text(results))
    sys.exit(max(r.exit_code for r in results))


@cli.command()
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(path_type=Path),
    metavar="THƯ_MỤC",
    default=Path("output"),
    show_default=True,
    help="Thư mục kết quả.",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    metavar="THƯ_MỤC",
    help="Thư mục mẫu riêng (ưu tiên hơn mẫu có sẵn).",
)
@click.option(
    "--duplex",
    is_flag=True,
    help="Chèn trang trắng để mỗi văn bản bắt đầu ở trang lẻ khi in hai mặt.",
)
@click.option("--no-pdf", is_flag=True, help="Chỉ tạo DOCX, không xuất PDF và không đóng hồ sơ.")
@click.option("--force", is_flag=True, help="Tạo lại tất cả, kể cả văn bản không thay đổi.")
@WAIT
@click.option("-q", "--quiet", is_flag=True, help="Không hiện tiến độ.")
@LEGAL
@click.argument("files", nargs=-1, required=True, metavar=WORKBOOKS, type=INPUT)
def build(files: tuple[Path, ...], quiet: bool, **chosen: Any) -> None:
    """Kiểm tra rồi tạo hồ sơ: văn bản DOCX, PDF và hồ sơ từng người cho mỗi tệp Excel (hoặc thư mục)."""
    paths = find_workbooks(list(files))
    if not paths:
        raise HosoError("Không có tệp .xlsx nào để tạo hồ sơ.")
    options = BuildOptions(
        out_dir=chosen["out"],
        templates=chosen["templates"],
        pdf=not chosen["no_pdf"],
        duplex=chosen["duplex"],
        force=chosen["force"],
        wait=chosen["wait"],
        legal=chosen["legal"],
    )
    # Signed PDFs dropped into a batch's da-ky/ are taken back before the batch is rebuilt.
    taken = take_dropped(options.out_dir, wait=options.wait, on_wait=say_busy)
    if taken.accepted or taken.refused:
        click.echo(signed_add_text(taken, dropped=True))
    # As `hoso period build`: a wait for another build is said even with -q.
    progress = Waiting() if quiet else for_terminal(quiet)
    report = build_batches(paths, options, progress=progress)
    click.echo(build_text(report))
    for item in left_behind(options.out_dir, paths):  # a renamed workbook's signed copies
        click.echo(left_behind_text(item))
    sys.exit(report.exit_code)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="TỆP_WORD...", type=INPUT)
def lint(files: tuple[Path, ...]) -> None:
    """Kiểm tra thể thức Nghị định 30/2020/NĐ-CP của tệp Word (.docx) hay mọi tệp .docx trong thư mục."""
    from pipeline.lint import lint_paths, lint_text

    results = lint_paths(files)
    click.echo(lint_text(results))
    sys.exit(1 if any(result.failed for result in results) else 0)


cli.add_command(templates)
cli.add_command(period)
for command in (sign, verify, signed, package):
    cli.add_command(command)
cli.add_command(serve)
cli.add_command(user)
cli.add_command(worker)


def _stopped() -> NoReturn:
    """Say the command stopped, and exit with 128 + the signal that stopped it."""
    click.echo("Đã dừng.", err=True)
    sys.exit(128 + (interrupt.requested() or signal.SIGINT))


def _quiet_end() -> NoReturn:
    """End as a Unix tool whose reader went away does (`cat … | head -1`): nothing said, status
    128 + SIGPIPE (141), which shells and `set -o pipefail` know; not 1, which says that the
    check found errors. The streams go to the null device: Python's last flush finds no pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.__stdout__, sys.__stderr__):
        if stream is not None:
            os.dup2(devnull, stream.fileno())
    sys.exit(128 + getattr(signal, "SIGPIPE", 13))  # Windows has no SIGPIPE: the same status


def _utf8_streams() -> None:
    """Vietnamese printed whatever encoding Python chose for the output: sent to a file on
    Windows (`hoso check de-nghi.xlsx > loi.txt`) it is the ANSI code page, which has no "✓" nor
    most Vietnamese letters; UTF-8 then, as Notepad reads it, not an English UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if encoding not in ("utf-8", "utf8") and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main() -> None:
    """Entry point: our errors print cleanly with their exit code; anything else is a hoso bug."""
    _utf8_streams()
    # Ctrl-C and SIGTERM stop any command the same way: clean-up done, "Đã dừng.", 128 + signal.
    code: Any = None
    gone = False
    with vietnamese_click.vietnamese(), interrupt.handling():
        try:
            code = cli.main(standalone_mode=False)
        except _ReaderGone:
            gone = True
        except (click.exceptions.Abort, KeyboardInterrupt):
            _stopped()
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except HosoError as exc:
            if interrupt.requested():
                _stopped()
            click.echo(f"Lỗi: {exc}", err=True)
            sys.exit(exc.exit_code)
        except OSError as exc:  # the environment (disk, permissions) where no stage expected it
            if interrupt.requested():
                _stopped()
            where = f"{unstaged(str(exc.filename))}: " if exc.filename else ""
            click.echo(f"Lỗi: {where}{reason(exc, 'truy cập')}.", err=True)
            sys.exit(1)
        except Exception:
            # A library that catches everything turned the stop into its own error (openpyxl's
            # bare except makes a TypeError of it): once a stop was asked for, it is the stop.
            if interrupt.requested():
                _stopped()
            raise
        finally:
            sweep()  # staging folders a conversion wrote into after they were dropped
    if gone:
        _quiet_end()
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
