"""`hoso worker`: a process that runs build jobs from the embedded queue or from Redis."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli import vietnamese_click

DATA = click.option(
    "--data",
    "data_dir",
    required=True,
    envvar="HOSO_DATA",
    metavar="THƯ_MỤC",
    type=click.Path(path_type=Path, file_okay=False),
    help="Thư mục dữ liệu (mặc định: biến môi trường HOSO_DATA).",
)


@click.command("worker", cls=vietnamese_click.Command)
@DATA
@click.option(
    "--queue",
    "url",
    metavar="ĐỊA_CHỈ",
    help="Hàng đợi Redis (redis://máy-chủ:6379/0) để nhận việc cùng các máy khác; "
    "bỏ trống: hàng đợi có sẵn trong thư mục dữ liệu.",
)
@click.option(
    "--concurrency",
    default=1,
    show_default=True,
    metavar="SỐ",
    type=vietnamese_click.IntRange(1, 64),
    help="Số việc chạy cùng lúc trên máy này.",
)
def worker(data_dir: Path, url: str | None, concurrency: int) -> None:
    """Chạy máy xử lý: nhận và tạo hồ sơ từ hàng đợi cho đến khi dừng (Ctrl-C)."""
    from pipeline.jobs import run_worker  # Celery is loaded only by the commands that use it
    from pipeline.jobs.app import check_url, shown

    if url is not None:
        check_url(url)
    where = shown(url) if url else f"hàng đợi trong {data_dir}"

    def ready() -> None:
        click.echo(f"Máy xử lý đang chạy ({concurrency} việc cùng lúc), nhận việc từ {where}.")
        click.echo("Nhấn Ctrl-C để dừng (việc đang chạy sẽ được làm xong trước).")

    run_worker(data_dir, url, concurrency, ready)
    click.echo("Đã dừng máy xử lý.")
