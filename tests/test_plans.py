"""Plan presets: the five seeds load, their key facts, broken presets, and Unicode normalisation."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.errors import PlanError
from pipeline.inputs.plans import Plan, all_plans, get_plan, load_plan_file
from pipeline.inputs.toml import read_toml
from pipeline.resources import PLANS_DIR

BGM = "bu-gia-map-cds-2022-2025"
BK = "bac-kan-cds-2022-2025"
SVH = "so-vhttdl-binh-phuoc-cds-2022-2025"
MK = "muong-khuong-cds-2022-2025"
BMT = "buon-ma-thuot-cds-2023-2025"
VD = "vi-du-xa-bu-gia-map-2026"  # the fictional 2026 example plan (today's regime)
REAL_IDS = (BK, BGM, BMT, MK, SVH)  # the five real plans of the seeds, sorted
ALL_IDS = (*REAL_IDS, VD)  # sorted, as all_plans() returns them


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {p.id: p for p in all_plans()}


# --- the five presets load ---------------------------------------------------------------


def test_the_five_real_presets_and_the_example_load(plans: dict[str, Plan]) -> None:
    assert [p.id for p in all_plans()] == list(ALL_IDS)
    for plan_id, plan in plans.items():
        assert plan.path == PLANS_DIR / f"{plan_id}.toml"
        assert get_plan(plan_id) is plan


def test_unknown_plan_lists_known_ids() -> None:
    with pytest.raises(PlanError) as exc:
        get_plan("khong-co")
    assert all(plan_id in str(exc.value) for plan_id in ALL_IDS)


# --- identity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan_id", "issuer", "province", "year", "number", "date"),
    [
        (BGM, "Ủy ban nhân dân huyện Bù Gia Mập", "Bình Phước", 2023, None, None),
        (BK, "Ủy ban nhân dân tỉnh Bắc Kạn", "Bắc Kạn", 2022, "635/KH-UBND", dt.date(2022, 10, 10)),
        (SVH, "Sở Văn hóa, Thể thao và Du lịch tỉnh Bình Phước", "Bình Phước", 2022, None, None),
        (MK, "Ủy ban nhân dân huyện Mường Khương", "Lào Cai", 2022, None, None),
        (BMT, "Ủy ban nhân dân thành phố Buôn Ma Thuột", "Đắk Lắk", 2023, None, None),
    ],
)
def test_identity(
    plans: dict[str, Plan],
    plan_id: str,
    issuer: str,
    province: str,
    year: int,
    number: str | None,
    date: dt.date | None,
) -> None:
    plan = plans[plan_id]
    assert plan.issuer.name == issuer
    assert plan.issuer.province == province
    assert (plan.document.year, plan.document.number, plan.document.date) == (year, number, date)
    assert issuer in plan.document.citation
    assert plan.document.citation.startswith("Kế hoạch ")


def test_bac_kan_citation(plans: dict[str, Plan]) -> None:
    assert plans[BK].document.citation == (
        "Kế hoạch số 635/KH-UBND ngày 10/10/2022 của Ủy ban nhân dân tỉnh Bắc Kạn về phát động "
        "phong trào thi đua “Bắc Kạn đẩy mạnh chương trình chuyển đổi số giai đoạn 2022 - 2025”"
    )


@pytest.mark.parametrize(
    ("plan_id", "movement"),
    [
        (BGM, "Chuyển đổi số giai đoạn 2022 - 2025"),
        (BK, "Bắc Kạn đẩy mạnh chương trình chuyển đổi số giai đoạn 2022 - 2025"),
        (SVH, "Chuyển đổi số giai đoạn 2022 - 2025"),
        (MK, "Thi đua xây dựng chính quyền số, phát triển kinh tế số, xã hội số"),
        (BMT, "Chuyển đổi số giai đoạn 2023 - 2025"),
    ],
)
def test_movement(plans: dict[str, Plan], plan_id: str, movement: str) -> None:
    plan = plans[plan_id]
    assert plan.movement == movement
    if plan_id != MK:  # Mường Khương's citation names its plan, the movement is its theme
        assert f"“{movement}”" in plan.document.citation


def test_texts_use_curly_quotes(plans: dict[str, Plan]) -> None:
    for plan in plans.values():
        for where, text in _texts(plan):
            assert '"' not in text, f"{plan.id}: {where}"
            assert text.count("“") == text.count("”"), f"{plan.id}: {where}"


@pytest.mark.parametrize(
    ("plan_id", "first", "count"),
    [
        (BGM, "Kế hoạch số 162/KH-UBND ngày 26/5/2022 của UBND tỉnh Bình Phước", 1),
        (BK, "Quyết định số 749/QĐ-TTg ngày 03/6/2020", 6),
        (SVH, "Kế hoạch số 162/KH-UBND ngày 26/5/2022 của UBND tỉnh Bình Phước", 1),
        (MK, "Kế hoạch số 108/KH-UBND ngày 18/3/2022 của UBND tỉnh Lào Cai", 7),
        (BMT, "Kế hoạch số 39/KH-UBND ngày 08/3/2023 của UBND tỉnh Đắk Lắk", 9),
    ],
)
def test_implements(plans: dict[str, Plan], plan_id: str, first: str, count: int) -> None:
    implements = plans[plan_id].implements
    assert implements[0].startswith(first)
    assert len(implements) == count


def test_seed_misprints_are_corrected(plans: dict[str, Plan]) -> None:
    mk = " ".join(plans[MK].implements)
    assert "749/QĐ-TTg" in mk
    assert "479/QĐ-TTg" not in mk
    for plan in plans.values():
        for where, text in _texts(plan):
            assert "91/2027" not in text, f"{plan.id}: {where}"
    assert "198/KH-UBND ngày 17/11/2022" in " ".join(plans[BMT].implements)


@pytest.mark.parametrize(
    ("plan_id", "regulation"),
    [
        (BGM, "Quyết định số 26/2020/QĐ-UBND ngày 08/10/2020"),
        (MK, "Quyết định số 50/2017/QĐ-UBND ngày 29/12/2017"),
        (BK, None),
        (SVH, None),
        (BMT, None),
    ],
)
def test_legal_basis(plans: dict[str, Plan], plan_id: str, regulation: str | None) -> None:
    legal_basis = plans[plan_id].legal_basis
    if regulation is None:
        assert legal_basis == ()
    else:
        assert len(legal_basis) == 1
        assert legal_basis[0].startswith(regulation)


# --- reviews, awards, quotas -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("plan_id", "reviews"),
    [
        (BGM, {"so-ket-2023": "Quý IV/2023", "tong-ket-2025": "Quý IV/2025"}),
        (BK, {"so-ket-2023": "Quý IV/2023", "tong-ket-2025": "Quý IV/2025"}),
        (SVH, {"hang-nam-2023": None, "hang-nam-2024": None, "tong-ket-2025": "Quý IV/2025"}),
        (MK, {"hang-nam-2023": None, "hang-nam-2024": None, "tong-ket-2025": "Năm 2025"}),
        (BMT, {"so-ket-2024": "Quý III/2024", "tong-ket-2025": "Quý IV/2025"}),
    ],
)
def test_reviews(plans: dict[str, Plan], plan_id: str, reviews: dict[str, str | None]) -> None:
    plan = plans[plan_id]
    assert [r.id for r in plan.reviews] == list(reviews)
    for review in plan.reviews:
        kind, year = review.id.rsplit("-", 1)
        assert (review.kind, review.year) == (kind, int(year))
        if reviews[review.id] is not None:
            assert review.held == reviews[review.id]
    tong_ket = plan.review("tong-ket-2025")
    assert tong_ket is not None
    assert tong_ket.label.startswith("Tổng kết giai đoạn 20")
    assert tong_ket.phrase.startswith("tổng kết giai đoạn")


@pytest.mark.parametrize(
    ("plan_id", "awards"),
    [
        (BGM, ["bang-khen-tinh", "giay-khen-thu-truong", "giay-khen-huyen"]),
        (BK, ["bang-khen-tinh", "giay-khen-thu-truong"]),
        (SVH, ["bang-khen-tinh", "giay-khen-thu-truong"]),
        (MK, ["bang-khen-tinh", "giay-khen-huyen"]),
        (BMT, ["bang-khen-tinh", "giay-khen-thanh-pho", "giay-khen-xa-phuong"]),
    ],
)
def test_awards(plans: dict[str, Plan], plan_id: str, awards: list[str]) -> None:
    plan = plans[plan_id]
    assert [a.id for a in plan.awards] == awards
    bang_khen = plan.award("bang-khen-tinh")
    assert bang_khen is not None
    assert bang_khen.name == f"Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh {plan.issuer.province}"
    for award in plan.awards:
        assert award.targets == ("tap-the", "ca-nhan")
        assert award.vote_denominator == "all-members"
        # The plans are silent on the vote: 80 % for Bằng khen tỉnh, 70 % for every Giấy khen.
        expected = 80 if award.id == "bang-khen-tinh" else 70
        assert award.vote_threshold_percent == expected
        form = "Bằng khen" if award.id.startswith("bang-khen") else "Giấy khen"
        assert award.name.startswith(form)


QUOTAS = {
    BGM: {"so-ket-2023": (7, 15), "tong-ket-2025": (10, 20)},
    BK: {"so-ket-2023": (15, 15), "tong-ket-2025": (20, 25)},
}


@pytest.mark.parametrize("plan_id", REAL_IDS)  # facts of the seeds
def test_quotas(plans: dict[str, Plan], plan_id: str) -> None:
    plan = plans[plan_id]
    expected = QUOTAS.get(plan_id, {})
    bang_khen = plan.award("bang-khen-tinh")
    assert bang_khen is not None
    for review in plan.reviews:
        quota = bang_khen.quota_for(review.id)
        if review.id in expected:
            assert quota is not None
            assert (quota.limit("tap-the"), quota.limit("ca-nhan")) == expected[review.id]
        else:
            assert quota is None
    # Only Bằng khen tỉnh of Bù Gia Mập and Bắc Kạn has numbers; every Giấy khen is left open.
    assert len(bang_khen.quotas) == len(expected)
    for award in plan.awards:
        if award.id != "bang-khen-tinh":
            assert award.quotas == ()


@pytest.mark.parametrize("plan_id", REAL_IDS)  # facts of the seeds
def test_leader_share_only_bu_gia_map(plans: dict[str, Plan], plan_id: str) -> None:
    for award in plans[plan_id].awards:
        if plan_id == BGM and award.id == "bang-khen-tinh":
            assert award.leader_share is not None
            assert award.leader_share.max_percent == 40
            assert "26/2020/QĐ-UBND" in award.leader_share.basis
        else:
            assert award.leader_share is None


# --- dossier ---------------------------------------------------------------------------------


@pytest.mark.parametrize("plan_id", REAL_IDS)  # facts of the seeds
def test_dossier(plans: dict[str, Plan], plan_id: str) -> None:
    dossier = plans[plan_id].dossier
    assert dossier.documents[:2] == ("to-trinh", "danh-sach")
    assert "bao-cao-thanh-tich" in dossier.documents
    assert dossier.submit_to
    if plan_id == MK:
        assert "bien-ban" not in dossier.documents
        assert not dossier.has_council
        assert "trich-ngang" in dossier.documents
        assert dossier.trich_ngang_allowed
        assert "50/2017/QĐ-UBND" in dossier.report_form
        assert dossier.copies == ""
    else:
        assert "bien-ban" in dossier.documents
        assert dossier.has_council
        assert "trich-ngang" not in dossier.documents
        assert not dossier.trich_ngang_allowed
        assert dossier.report_form.startswith("Mẫu số 07")
        assert "Nghị định số 91/2017/NĐ-CP ngày 31/7/2017" in dossier.report_form
        assert dossier.copies.startswith("01 bộ")


def test_dossier_details(plans: dict[str, Plan]) -> None:
    assert plans[BK].dossier.copies == "01 bộ bản chính"
    assert plans[BK].dossier.submit_to[0] == "Sở Thông tin và Truyền thông"
    assert plans[SVH].dossier.submit_to[0].startswith("Văn phòng Sở")
    assert plans[MK].dossier.submit_to[0].startswith("Phòng Văn hóa và Thông tin")
    assert any("Phòng Nội vụ" in s for s in plans[BMT].dossier.submit_to)


# --- criteria ----------------------------------------------------------------------------------

# (criterion id) -> (group, threshold, comparator): at least two per plan with numeric criteria.
CRITERIA = {
    BGM: {
        "huyen-ho-so-mang": ("Cơ quan, ban, ngành, đoàn thể huyện", 90, ">="),
        "huyen-csdl-lgsp": ("Cơ quan, ban, ngành, đoàn thể huyện", 70, ">="),
        "xa-ho-so-mang": ("Cấp xã", 60, ">="),
    },
    BK: {
        "tinh-ho-so-mang": ("Sở, ban, ngành, đoàn thể tỉnh", 100, ">="),
        "huyen-bao-cao-ktxh": ("UBND huyện, thành phố", 100, ">="),
        "xa-ho-so-mang": ("Cấp xã", 80, ">="),
    },
    SVH: {
        "ho-so-mang": ("Cơ quan, đơn vị", 90, ">="),
        "van-ban-dien-tu": ("Cơ quan, đơn vị", 100, ">="),
        "csdl-lgsp": ("Cơ quan, đơn vị", 70, ">="),
    },
    MK: {
        "huyen-ho-so-mang": ("Cơ quan, ban ngành, đoàn thể cấp huyện", 90, ">="),
        "xa-ho-so-mang": ("Cấp xã", 85, ">="),
        "dn-san-tmdt": ("Doanh nghiệp, hợp tác xã", 90, ">"),
        "dn-dvc-dinh-danh": ("Doanh nghiệp, hợp tác xã", 100, ">="),
    },
    BMT: {
        "phong-ban-chi-so-cds": ("Phòng, ban, ngành, đoàn thể", 70, ">"),
        "xa-phuong-chi-so-cds": ("UBND xã, phường", 70, ">"),
    },
}


@pytest.mark.parametrize("plan_id", REAL_IDS)  # facts of the seeds
def test_criteria(plans: dict[str, Plan], plan_id: str) -> None:
    plan = plans[plan_id]
    by_id = {c.id: c for c in plan.criteria}
    for crit_id, (group, threshold, comparator) in CRITERIA[plan_id].items():
        crit = by_id[crit_id]
        assert (crit.target, crit.group, crit.threshold, crit.comparator) == (
            "tap-the",
            group,
            threshold,
            comparator,
        )
    for crit in plan.criteria:
        assert 0 < crit.threshold <= 100
        assert crit.target == "tap-the"  # no plan sets a numeric criterion for individuals
        assert crit.group in plan.groups_for("tap-the")


def test_criteria_counts(plans: dict[str, Plan]) -> None:
    counts = {plan_id: len(plan.criteria) for plan_id, plan in plans.items()}
    assert counts == {BGM: 7, BK: 10, SVH: 3, MK: 8, BMT: 2, VD: 0}


def test_strict_and_inclusive_comparators(plans: dict[str, Plan]) -> None:
    over_90 = next(c for c in plans[MK].criteria if c.id == "dn-san-tmdt")  # "trên 90%"
    assert not over_90.met(90)
    assert over_90.met(90.5)
    assert over_90.requirement == "> 90%"
    at_least_85 = next(c for c in plans[MK].criteria if c.id == "xa-ho-so-mang")  # "tối thiểu 85%"
    assert at_least_85.met(85)
    assert not at_least_85.met(84.9)
    assert at_least_85.requirement == "≥ 85%"
    over_70 = next(c for c in plans[BMT].criteria if c.id == "xa-phuong-chi-so-cds")
    assert not over_70.met(70)
    assert over_70.met(70.1)


@pytest.mark.parametrize("plan_id", REAL_IDS)  # facts of the seeds
def test_groups_for_dropdown(plans: dict[str, Plan], plan_id: str) -> None:
    plan = plans[plan_id]
    for target in ("tap-the", "ca-nhan"):
        groups = plan.groups_for(target)
        assert groups, f"{plan_id}: no group for {target}"
        assert len(groups) == len(set(groups))
    for qualitative in plan.qualitative:
        assert qualitative.text
        assert all(line.endswith(".") for line in qualitative.text)


# --- every text is NFC ---------------------------------------------------------------------------


def _texts(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside a loaded preset, with its key path."""
    if isinstance(value, str):
        yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name), f"{where}.{f.name}" if where else f.name)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]")


def test_walk_reaches_nested_texts(plans: dict[str, Plan]) -> None:
    paths = dict(_texts(plans[BGM]))
    assert paths["issuer.name"] == "Ủy ban nhân dân huyện Bù Gia Mập"
    assert paths["awards[0].quotas[0].review"] == "so-ket-2023"
    assert "awards[0].leader_share.basis" in paths
    assert "qualitative[0].text[0]" in paths


@pytest.mark.parametrize("plan_id", ALL_IDS)
def test_every_text_is_nfc(plans: dict[str, Plan], plan_id: str) -> None:
    texts = list(_texts(plans[plan_id]))
    assert len(texts) > 30
    bad = [where for where, text in texts if not unicodedata.is_normalized("NFC", text)]
    assert bad == []


@pytest.mark.parametrize("plan_id", ALL_IDS)
def test_preset_file_is_nfc(plan_id: str) -> None:
    text = (PLANS_DIR / f"{plan_id}.toml").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)


# --- broken presets ----------------------------------------------------------------------------

BASE = PLANS_DIR / f"{BGM}.toml"


def _broken(tmp_path: Path, old: str, new: str, stem: str = BGM) -> Path:
    """A copy of the Bù Gia Mập preset with one edit, written as tmp_path/<stem>.toml."""
    text = BASE.read_text(encoding="utf-8")
    assert old in text, f"edit target {old!r} is gone from the base preset"
    path = tmp_path / f"{stem}.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "key_path"),
    [
        pytest.param(
            'held = "Quý IV/2023"',
            'held = "Quý IV/2023"\nheld_at = "Hội trường"',
            "reviews[0].held_at",
            id="unknown-key",
        ),
        pytest.param("tap_the = 7,", 'tap_the = "bảy",', "awards[0].quotas[0].tap_the", id="type"),
        pytest.param(
            '{ review = "so-ket-2023", tap_the = 7',
            '{ review = "so-ket-2024", tap_the = 7',
            "awards[0].quotas[0].review",
            id="quota-unknown-review",
        ),
        pytest.param(
            'id = "giay-khen-huyen"', 'id = "giay-khen-thu-truong"', "awards", id="duplicate-award"
        ),
        pytest.param('kind = "so-ket"', 'kind = "giua-ky"', "reviews[0].kind", id="bad-literal"),
        pytest.param(
            'copies = "01 bộ"',
            'copies = "01 bộ"\ntrich_ngang_allowed = true',
            "dossier",
            id="trich-ngang-mismatch",
        ),
    ],
)
def test_broken_preset_names_file_and_key(
    tmp_path: Path, old: str, new: str, key_path: str
) -> None:
    path = _broken(tmp_path, old, new)
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    message = str(exc.value)
    assert str(path) in message
    assert f"{path.name} › {key_path}:" in message


def test_broken_preset_message_details(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'id = "giay-khen-huyen"', 'id = "giay-khen-thu-truong"')
    with pytest.raises(PlanError, match="'giay-khen-thu-truong' bị trùng"):
        load_plan_file(path)


def test_quota_for_unknown_review_names_it(tmp_path: Path) -> None:
    path = _broken(tmp_path, '{ review = "tong-ket-2025"', '{ review = "tong-ket-2026"')
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    assert "awards[0].quotas[1].review" in str(exc.value)
    assert "'tong-ket-2026'" in str(exc.value)


def test_stem_must_equal_id(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach-khac.toml"
    shutil.copy(BASE, path)
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    message = str(exc.value)
    assert "ke-hoach-khac.toml › id:" in message
    assert BGM in message


def test_invalid_toml(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'movement = "', "movement = ")
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    message = str(exc.value)
    assert str(path) in message
    assert "TOML" in message
    assert "ở dòng 5, cột" in message and "line" not in message


def test_missing_key(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'short = "UBND huyện Bù Gia Mập"\n', "")
    with pytest.raises(PlanError) as exc:
        load_plan_file(path)
    assert f"{path.name} › issuer.short: thiếu khóa bắt buộc" in str(exc.value)


def test_all_plans_reads_a_directory(tmp_path: Path) -> None:
    for plan_id in ALL_IDS:
        shutil.copy(PLANS_DIR / f"{plan_id}.toml", tmp_path)
    assert [p.id for p in all_plans(tmp_path)] == list(ALL_IDS)
    assert get_plan(MK, tmp_path).path == tmp_path / f"{MK}.toml"


def test_all_plans_raises_on_one_broken_file(tmp_path: Path) -> None:
    for plan_id in (BK, MK):
        shutil.copy(PLANS_DIR / f"{plan_id}.toml", tmp_path)
    _broken(tmp_path, "tap_the = 7,", 'tap_the = "bảy",')
    with pytest.raises(PlanError) as exc:
        all_plans(tmp_path)
    assert f"{BGM}.toml › awards[0].quotas[0].tap_the" in str(exc.value)


def test_all_plans_names_a_misnamed_file(tmp_path: Path) -> None:
    shutil.copy(PLANS_DIR / f"{BK}.toml", tmp_path / "bac-kan.toml")
    with pytest.raises(PlanError, match=r"bac-kan\.toml › id:"):
        all_plans(tmp_path)


def test_the_example_plan_is_marked_fictional_and_uses_todays_names(plans) -> None:
    plan = plans[VD]
    assert "hư cấu" in plan.document.title and "hư cấu" in plan.document.citation
    assert (
        plan.issuer.name == "Ủy ban nhân dân xã Bù Gia Mập" and plan.issuer.province == "Đồng Nai"
    )
    assert [r.year for r in plan.reviews] == [2026]
    assert "Nghị định số 152/2025/NĐ-CP" in plan.dossier.report_form
    assert "huyện" not in " ".join(a.awarded_by for a in plan.awards)


def test_a_data_file_that_cannot_be_read_is_said_in_vietnamese(tmp_path: Path) -> None:
    folder = tmp_path / "ke-hoach.toml"
    folder.mkdir()  # a folder where the file should be: the OS's reason, in Vietnamese
    with pytest.raises(PlanError) as raised:
        read_toml(folder, "kế hoạch")
    said = f"{folder}: không đọc được kế hoạch (đây là thư mục, không phải tệp)"
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("deadline = 2026-02-31\n", "ở dòng 1, cột 12: ngày không có thật hoặc viết sai"),
        ('a = "x"\nb = 1\na = "y"\n', "ở dòng 3, cột 8: một khóa được ghi hai lần"),
        ("a = 1\nb = 2\na = 3", "ở dòng 3: một khóa được ghi hai lần"),  # tomllib: no line
        ("size = 25,5\n", "số thập phân dùng dấu chấm (25.5, không phải 25,5)"),
        ("[office]\n[office]\n", "ở dòng 2, cột 8: một bảng [..] được ghi hai lần"),
        (
            "plan = bu-gia-map\n",
            "ở dòng 1, cột 8: giá trị viết sai: văn bản phải đặt trong ngoặc kép",
        ),
    ],
)
def test_a_toml_mistake_is_said_in_vietnamese_with_its_usual_cause(
    tmp_path: Path, text: str, said: str
) -> None:
    path = tmp_path / "dot-xet.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_toml(path, "tệp cấu hình đợt xét")
    assert f"{path}: tệp cấu hình đợt xét không phải TOML hợp lệ " in str(caught.value)
    assert said in str(caught.value)


def test_a_toml_file_saved_by_notepad_with_a_bom_reads(tmp_path: Path) -> None:
    path = tmp_path / "dot-xet.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'plan = "bu-gia-map"\n')
    assert read_toml(path, "tệp cấu hình đợt xét") == {"plan": "bu-gia-map"}
