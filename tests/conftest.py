"""Shared fixtures: example workbooks built in code, edited with openpyxl, and the CLI run in-process."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from pipeline import cli
from pipeline.authoring.scaffold import init_workbook
from pipeline.inputs.plans import get_plan
from tests.workers import redis_server, serving, workers

BGM = "bu-gia-map-cds-2022-2025"


@pytest.fixture(scope="session")
def bgm_build(example_cache, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bù Gia Mập's example built once with real LibreOffice: an output folder holding its batch.
    Read it through `bgm_output`, a module's own copy, as signing writes beside what it signs."""
    from pipeline.build import BuildOptions, build
    from pipeline.pdf.pool import LibreOfficePool

    out = tmp_path_factory.mktemp("bgm-build")
    with LibreOfficePool(size=1) as pool:
        report = build([example_cache(BGM)], BuildOptions(out_dir=out), converter=pool)
    assert report.exit_code == 0, [r.error for r in report.results]
    return out


@pytest.fixture(scope="module")
def bgm_output(bgm_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A module's own copy of the built Bù Gia Mập output folder."""
    copy = tmp_path_factory.mktemp("bgm-output") / "out"
    shutil.copytree(bgm_build, copy, symlinks=True)
    return copy


@pytest.fixture
def bgm_copy(bgm_output: Path, tmp_path: Path) -> Path:
    """The built Bù Gia Mập output folder, this test's own copy (out/), free to change."""
    copy = tmp_path / "out"
    shutil.copytree(bgm_output, copy, symlinks=True)
    return copy


def batch_of(output: Path) -> Path:
    """The batch folder (the one holding manifest.json) of a built output folder."""
    (batch,) = [p for p in output.iterdir() if (p / "manifest.json").is_file()]
    return batch


@pytest.fixture(scope="session")
def example_cache(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each plan's example workbook, written once per test session."""
    root = tmp_path_factory.mktemp("examples")
    made: dict[str, Path] = {}

    def get(plan_id: str) -> Path:
        if plan_id not in made:
            made[plan_id] = root / f"{plan_id}.xlsx"
            init_workbook(made[plan_id], get_plan(plan_id), None, example=True)
        return made[plan_id]

    return get


@pytest.fixture
def example(example_cache: Callable[[str], Path], tmp_path: Path) -> Callable[..., Path]:
    """A fresh copy of a plan's example workbook, named `hoso.xlsx` by default."""

    def copy(plan_id: str = BGM, name: str = "hoso.xlsx") -> Path:
        target = tmp_path / name
        shutil.copy(example_cache(plan_id), target)
        return target

    return copy


@contextmanager
def edit(path: Path) -> Iterator[openpyxl.Workbook]:
    """Open a workbook for editing and save it back on exit."""
    wb = openpyxl.load_workbook(path)
    yield wb
    wb.save(path)


def cell_of(ws, header: str, row: int) -> str:
    """The coordinate of a column (found by its header in row 1) at a row."""
    for cell in ws[1]:
        if cell.value == header:
            return f"{cell.column_letter}{row}"
    raise KeyError(header)


def label_row(ws, label: str) -> int:
    """The row of a label in column A of a form sheet."""
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return row[0].row
    raise KeyError(label)


def retyped(path: Path) -> Path:
    """The workbook's example people and reports made a clerk's own: each individual born on
    another day of the month, each collective's report with a sentence more (hoso knows its
    examples' rows by name with birth date or report, hidden marks or not)."""
    with edit(path) as wb:
        for sheet, header in (("Cá nhân", "Ngày sinh"), ("Tập thể", "Thành tích")):
            if sheet not in wb.sheetnames:
                continue
            ws = wb[sheet]
            column = [c.value for c in ws[1]].index(header) + 1
            for row in range(2, ws.max_row + 1):
                cell = ws.cell(row, column)
                if isinstance(cell.value, dt.datetime):
                    cell.value = cell.value.replace(day=cell.value.day % 28 + 1)
                elif isinstance(cell.value, str) and sheet == "Tập thể":
                    cell.value += "\nĐơn vị tự rà soát, nhập lại số liệu."
    return path


@dataclass
class Run:
    """What a CLI run printed and returned."""

    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """Run `hoso ARGS…` in-process (the real entry point, exit code included)."""

    def run(*args: str | Path) -> Run:
        monkeypatch.setattr(sys, "argv", ["hoso", *map(str, args)])
        code = 0
        try:
            cli.main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def period_cache(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Each plan's example period (`hoso period init --example`), made once per session."""
    from pipeline.inputs.plans import get_plan
    from pipeline.period.scaffold import init_period

    root = tmp_path_factory.mktemp("periods")
    made: dict[str, Path] = {}

    def get(plan_id: str) -> Path:
        if plan_id not in made:
            made[plan_id] = root / plan_id
            init_period(made[plan_id], get_plan(plan_id), None, example=True)
        return made[plan_id]

    return get


@pytest.fixture
def period(period_cache, tmp_path: Path) -> Callable[..., Path]:
    """A fresh copy of a plan's example period folder."""

    def copy(plan_id: str = BGM) -> Path:
        target = tmp_path / "dot-xet"
        shutil.copytree(period_cache(plan_id), target)
        return target

    return copy


@pytest.fixture
def built_period(period, run_cli) -> Path:
    """A fresh example period built once without PDFs, its results in ket-qua/ (an example unit
    has errors, so that build's exit 1 is expected)."""
    folder = period()
    run_cli("period", "build", "--no-pdf", "-q", folder)
    return folder


def council_votes(folder: Path) -> None:
    """After units changed: bring the period's hoi-dong.xlsx up to date, as `hoso period council`
    does, and give every nominee without votes all the council's votes."""
    from pipeline.period.check import check_period
    from pipeline.period.config import load_period
    from pipeline.period.council_sheet import write_council_sheet

    if not (folder / "hoi-dong.xlsx").exists():
        return
    write_council_sheet(check_period(load_period(folder)))
    with edit(folder / "hoi-dong.xlsx") as wb:
        size = next(
            r[1].value for r in wb["Hội đồng"].iter_rows() if r[0].value == "Tổng số thành viên"
        )
        ws = wb["Biểu quyết"]
        for row in range(2, ws.max_row + 1):
            votes = ws[cell_of(ws, "Số phiếu đồng ý", row)]
            if ws[cell_of(ws, "Tên tập thể / Họ và tên", row)].value and votes.value is None:
                votes.value = size


def decide_here(folder: Path) -> None:
    """Make the example period's office decide its Giấy khen, with a number, date and signer."""
    config = folder / "dot-xet.toml"
    text = config.read_text(encoding="utf-8")
    for old, new in (
        ("decides = []", 'decides = ["giay-khen-huyen"]'),
        ('number = ""', 'number = "125/QĐ-UBND"'),
        ("# date = 2025-12-20", "date = 2023-12-20"),
        ('# signer_title = "Chủ tịch"', 'signer_title = "Chủ tịch"'),
        ('# signer_name = ""', 'signer_name = "Lý Văn Tâm"'),
    ):
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory):
    """The signing tests' PKI (tests/pki.py), made once; its SoftHSM2 token serves the session."""
    import os

    from tests.pki import make_keys

    made = make_keys(tmp_path_factory.mktemp("pki"))
    # A PKCS#11 library reads its configuration once per process: this token for the session.
    os.environ["SOFTHSM2_CONF"] = str(made.softhsm_conf)
    return made


WITH_WORKER = "with_worker"


def pytest_configure(config: pytest.Config) -> None:
    """Register this suite's own marks (besides pyproject's)."""
    config.addinivalue_line(
        "markers",
        f"{WITH_WORKER}: data_dir has a real embedded-queue worker (hoso worker) beside it",
    )


@pytest.fixture
def data_dir(tmp_path: Path, settings, request: pytest.FixtureRequest) -> Iterator[Path]:
    """The web app's data folder, one per test (the web tests use it). A test or module marked
    `with_worker` gets it with a real embedded-queue worker beside it, stopped after the test
    (its log in tmp_path/logs)."""
    settings.DATA_DIR = tmp_path / "du-lieu"
    settings.DATA_DIR.mkdir()
    if request.node.get_closest_marker(WITH_WORKER) is None:
        yield settings.DATA_DIR
        return
    with workers(settings.DATA_DIR, None, 1, tmp_path / "logs"):
        yield settings.DATA_DIR


@pytest.fixture
def office(data_dir: Path, db: None) -> tuple[object, Path]:
    """The office of a period "quyet-dinh" that decides its Giấy khen (the example units), logged
    in; and the period's folder."""
    from pipeline.web.accounts import add_user
    from pipeline.web.demo import DECIDED_PLAN, add_period
    from tests.webtools import PASSWORD, login

    period = add_period("quyet-dinh", DECIDED_PLAN, None, example=True)
    add_user("office", "thi-dua", PASSWORD)
    return login("office"), data_dir / period.folder


@pytest.fixture(params=["embedded", "redis"])
def queue_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """The same test on both queues: the embedded one (None) and a real redis-server."""
    if request.param == "embedded":
        yield None
    else:
        with redis_server(tmp_path / "redis") as url:
            yield url


@pytest.fixture
def demo_data(tmp_path: Path) -> Path:
    """The data folder of the `demo_server` fixture's server (not yet made)."""
    return tmp_path / "du-lieu"


@pytest.fixture
def demo_server(demo_data: Path, tmp_path: Path) -> Iterator[str]:
    """`hoso serve --demo` on a free port with a fresh data folder (`demo_data`) and its
    embedded worker: its URL. A traceback in the server's log fails the test."""
    log = tmp_path / "serve.log"
    with serving(demo_data, log) as url:
        yield url
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


# Debian's chromium package: Playwright drives it, it downloads no browser of its own.
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()
