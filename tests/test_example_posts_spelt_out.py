"""The example data's council members and signers read as documents print posts: in full
("Phó Chủ tịch Ủy ban nhân dân huyện", not "… UBND huyện"). NĐ 30/2020 allows "UBND", "HĐND"
only in the header's parent-body line (and in ký hiệu such as "QĐ-UBND"); a post in the
Biên bản's member list or a signature block is written out, as the check asks of clerks."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.inputs.plans import all_plans
from tests.conftest import BGM
from tests.doctext import lines

# An acronym standing as a word: not a ký hiệu's part ("QĐ-UBND", "TTr-UBND").
ACRONYM = re.compile(r"(?<![-/\w])(UBND|HĐND|PCT|TĐKT)(?![-/\w])")


def read_in_full(docx: Path) -> list[str]:
    """The document's lines that print posts in full: all but the header block (where the
    parent body may be abbreviated), the Số line and Nơi nhận (whose cell is dropped)."""
    kept = []
    for line in lines(docx)[3:]:  # [header], the bodies' row, the Số row
        cells = [c for c in line.split(" | ") if not c.startswith("Nơi nhận:")]
        kept += cells
    return kept


def acronyms_in(folder: Path) -> list[str]:
    """Each Tờ trình and Biên bản line with a post's acronym, named by its file."""
    found = []
    for docx in sorted(folder.rglob("*.docx")):
        if docx.name.endswith(("to-trinh.docx", "bien-ban.docx")):
            rel = docx.relative_to(folder)
            found += [f"{rel}: {text}" for text in read_in_full(docx) if ACRONYM.search(text)]
    return found


@pytest.mark.parametrize("plan_id", sorted(p.id for p in all_plans()))
def test_an_examples_members_and_signers_are_printed_in_full(
    plan_id: str, example_cache: Callable[[str], Path], tmp_path: Path
) -> None:
    report = build([example_cache(plan_id)], BuildOptions(out_dir=tmp_path, pdf=False))
    assert report.exit_code == 0, [r.error for r in report.results]
    built = list(tmp_path.rglob("*bien-ban.docx")) + list(tmp_path.rglob("*to-trinh.docx"))
    assert built
    assert acronyms_in(tmp_path) == []


def test_the_period_examples_council_is_printed_in_full(period, run_cli) -> None:
    folder = period(BGM)
    run_cli("period", "build", "--no-pdf", "-q", folder)  # the example's broken unit fails
    office = folder / "ket-qua" / "tong-hop"
    assert list(office.rglob("*bien-ban.docx"))  # the office's council's Biên bản
    assert acronyms_in(office) == []
