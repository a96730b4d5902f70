"""The Biên bản's vote threshold is printed as the plan sets it and each share beside it keeps
enough decimals to stay on its side, so the minutes never contradict their own "Đạt"/"Không đạt"
(5 of 7 votes, 71,428…%, reach a threshold of 71,42%: neither "71,4%" below "71,42%" nor
"71%" may stand beside its "Đạt")."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.resources import PLANS_DIR
from tests.conftest import edit
from tests.test_clerk_habits import put
from tests.test_consistency import build_example, table_with

PLAN = "bu-gia-map-cds-2022-2025.toml"
COLL = "Tập thể"


def test_the_threshold_and_shares_never_contradict_the_result(example, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    shutil.copytree(PLANS_DIR, plans)
    text = (plans / PLAN).read_text(encoding="utf-8")
    assert "vote_threshold_percent = 80" in text
    text = text.replace("vote_threshold_percent = 80", "vote_threshold_percent = 71.42", 1)
    (plans / PLAN).write_text(text, encoding="utf-8")
    path = example()
    with edit(path) as wb:
        put(wb, COLL, "Số phiếu đồng ý", 2, 5)  # 5 of the 7 members: 71,428…%
        name = wb[COLL]["B2"].value
    built = build_example(path, tmp_path / "out", pdf=False, plans_dir=plans)
    bien_ban = built.need("bien-ban")
    said = built.text(bien_ban)
    assert "phải đạt từ 71,42% số phiếu" in said, said
    row = next(r for r in table_with(bien_ban, "STT") if r[1] == name)
    assert row[-3:] == ["5/7", "71,43%", "Đạt"], row  # a collective: its name spans two cells
