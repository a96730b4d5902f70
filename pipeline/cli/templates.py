"""`hoso templates`: the variables templates may use, and `templates copy` to start one's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from pipeline.cli import vietnamese_click
from pipeline.cli.texts import templates_text
from pipeline.errors import HosoError
from pipeline.inputs.plans import get_plan
from pipeline.resources import TEMPLATES_DIR


@click.group(cls=vietnamese_click.Group, invoke_without_command=True)
@click.pass_context
def templates(ctx: click.Context) -> None:
    """Liệt kê các loại văn bản, tệp mẫu và mọi biến mẫu có thể dùng."""
    if ctx.invoked_subcommand is None:
        click.echo(templates_text())
        click.echo(f"Mẫu có sẵn nằm trong: {TEMPLATES_DIR}")
        click.echo("Chép ra một thư mục để sửa: hoso templates copy THƯ_MỤC")


@templates.command("copy")
@click.option(
    "--plan",
    "plan_id",
    metavar="MÃ",
    help="Chép cả mẫu riêng của kế hoạch (khóa templates), thay cho mẫu có sẵn cùng tên.",
)
@click.argument("folder", metavar="THƯ_MỤC", type=click.Path(path_type=Path))
def templates_copy(plan_id: str | None, folder: Path) -> None:
    """Chép các mẫu có sẵn ra một thư mục để sửa bằng Word (không ghi đè tệp đã có)."""
    sources = template_sources(get_plan(plan_id).template_dir if plan_id else None)
    copy_templates(sources, folder)
    click.echo(f"Đã chép {len(sources)} mẫu vào {folder}:")
    for name, source in sources.items():
        own = "" if source.parent == TEMPLATES_DIR else " (mẫu riêng của kế hoạch)"
        click.echo(f"  {name}{own}")
    click.echo(next_steps(folder))


def template_sources(plan_dir: Path | None) -> dict[str, Path]:
    """Each template file name and the file hoso would use for it: the plan's, else built-in."""
    found = {p.name: p for p in sorted(TEMPLATES_DIR.glob("*.docx"))}
    if plan_dir is not None and plan_dir.is_dir():
        found |= {p.name: p for p in sorted(plan_dir.glob("*.docx")) if p.name[0] not in "~."}
    return dict(sorted(found.items()))


def copy_templates(sources: dict[str, Path], folder: Path) -> None:
    """Copy the templates into the folder (made if its parent exists); HosoError naming the files
    already there, before anything is copied."""
    if folder.exists() and not folder.is_dir():
        raise HosoError(f"{folder} là một tệp, không phải thư mục.")
    there = [name for name in sources if (folder / name).exists()]
    if there:
        raise HosoError(
            f"{folder} đã có {', '.join(there)}: hoso không ghi đè mẫu có thể đã sửa. Hãy chọn "
            "thư mục khác, hoặc xóa (đổi tên) các tệp đó trước."
        )
    if not folder.parent.is_dir():
        raise HosoError(f"Thư mục {folder.parent} không có (hoso không tự tạo thư mục cha).")
    folder.mkdir(exist_ok=True)
    for name, source in sources.items():
        shutil.copyfile(source, folder / name)


def next_steps(folder: Path) -> str:
    """What to do with the copied templates, as the user types it."""
    return "\n".join(
        (
            "Tiếp theo:",
            "  1. Sửa mẫu bằng Word (giữ nguyên các thẻ {{ … }}, {% … %}; biến dùng được: "
            "hoso templates). Mẫu nào không sửa thì xóa đi: hoso dùng mẫu có sẵn thay cho nó.",
            f"  2. Kiểm tra: hoso lint {folder}",
            f"  3. Tạo hồ sơ bằng mẫu này: hoso build de-nghi.xlsx --templates {folder}",
        )
    )
