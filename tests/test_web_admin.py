"""The administrator's pages (/quan-tri/): accounts made with their role and unit in the browser,
in Vietnamese, audited; nobody else gets in."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from pipeline.web.models import AuditEntry, Profile
from tests.webtools import UNIT_A, as_read, login, make_people

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("data_dir")]


def _new_account(admin: Client, name: str, role: str, unit: int | str = "") -> str:
    """Post the add-user page as a browser does (the role and unit inline); the page shown."""
    form = {
        "username": name,
        "usable_password": "true",
        "password1": "mat-khau-moi-123",
        "password2": "mat-khau-moi-123",
        "profile-TOTAL_FORMS": "1",
        "profile-INITIAL_FORMS": "0",
        "profile-MIN_NUM_FORMS": "1",
        "profile-MAX_NUM_FORMS": "1",
        "profile-0-role": role,
        "profile-0-unit": str(unit),
    }
    return admin.post("/quan-tri/auth/user/add/", form, follow=True).content.decode()


def test_the_administrator_makes_a_clerk_of_a_unit_in_the_browser() -> None:
    from pipeline.web.models import Unit

    people = make_people()
    page = people.admin.get("/quan-tri/").content.decode()
    assert "hoso: quản trị" in page and "Đơn vị" in page and "Nhật ký" in page
    add = people.admin.get("/quan-tri/auth/user/add/").content.decode()
    assert "Vai trò" in add and "Văn thư đơn vị" in add
    # What Django 5 leaves in English, in hoso's own Vietnamese (pipeline/web/locale).
    assert "Password-based" not in add
    # hoso logs in by password only: no switch that would make an account unable to log in.
    assert "Đăng nhập bằng mật khẩu" not in add and "LDAP" not in add
    assert 'name="usable_password"' not in add and 'name="password1"' in add
    assert "After you" not in add
    listing = people.admin.get("/quan-tri/auth/user/").content.decode()
    assert "Hiện số lượng" in listing and "Show counts" not in listing
    # The actions on the chosen accounts: “Thao tác”, not Django's “Hoạt động” (activity).
    assert "Thao tác:" in listing and ">Thực hiện</button>" in listing
    assert "Hoạt động:" not in listing and "Đi đến" not in listing
    axes = people.admin.get("/quan-tri/").content.decode()
    assert "Nhật ký đăng nhập sai" in axes and "Access failures" not in axes
    assert "/quan-tri/auth/group/" not in axes  # roles give permissions, not groups
    assert people.admin.get("/quan-tri/auth/group/").status_code == 404
    unit = Unit.objects.get(name=UNIT_A)
    shown = _new_account(people.admin, "vanthu-moi", "van-thu", unit.pk)
    assert "được thêm vào thành công" in shown  # Django's own message, in Vietnamese
    profile = Profile.objects.get(user__username="vanthu-moi")
    assert (profile.role, profile.unit.name) == ("van-thu", UNIT_A)
    clerk = Client()
    clerk.post("/dang-nhap/", {"username": "vanthu-moi", "password": "mat-khau-moi-123"})
    assert clerk.get("/")["Location"] == "/de-nghi/"  # straight to the clerk's pages
    logged = AuditEntry.objects.filter(action="them-tai-khoan", target="vanthu-moi").get()
    assert logged.username == "admin" and UNIT_A in logged.detail
    # An administrator made in the browser can use these pages too.
    _new_account(people.admin, "quantri-moi", "quan-tri")
    made = get_user_model().objects.get(username="quantri-moi")
    assert made.is_staff and made.is_superuser


def _shown(html: str) -> str:
    """What a reader gets of a page: its text and the tooltips and labels read out."""
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ", html)
    said = re.findall(r'(?:title|aria-label|alt|placeholder)="([^"]*)"', html)
    return unescape(re.sub(r"<[^>]+>", " ", html) + " " + " ".join(said))


def test_every_section_of_the_administrators_index_is_named_in_vietnamese() -> None:
    people = make_people()
    response = people.admin.get("/quan-tri/")
    sections = {
        app["name"]: [m["name"] for m in app["models"]] for app in response.context["app_list"]
    }
    assert sections == {
        "Đăng nhập": [
            "Nhật ký đăng nhập",
            "Nhật ký đăng nhập sai",
            "Đăng nhập sai đang tính (xóa để mở khóa)",
        ],
        "Hồ sơ khen thưởng": ["Nhật ký", "Đơn vị", "Đợt xét"],
        "Tài khoản": ["Người sử dụng"],
    }
    shown = _shown(response.content.decode())
    for english in ("Axes", "AXES", "Access attempts", "Access logs", "Authentication", "Groups"):
        assert english not in shown
    assert "models" not in shown  # Django's own Vietnamese says "Các mô models trong …"
    assert "Các loại dữ liệu trong mục “Đăng nhập”" in shown


def test_the_login_records_and_the_audit_log_are_in_vietnamese_on_their_pages() -> None:
    from axes.models import AccessAttempt, AccessLog

    people = make_people()
    Client().post("/dang-nhap/", {"username": "a", "password": "sai-mat-khau"})
    attempt = AccessAttempt.objects.get(username="a")
    listing = _shown(people.admin.get("/quan-tri/axes/accessattempt/").content.decode())
    assert "Tình trạng" in listing and "còn 4 lần thử" in listing
    assert "Status" not in listing and "Attempt Remaining" not in listing
    assert "a từ 127.0.0.1: 1 lần đăng nhập sai" in listing  # each record's name
    log = AccessLog.objects.filter(username="a").first()
    page = _shown(people.admin.get(f"/quan-tri/axes/accesslog/{log.pk}/change/").content.decode())
    assert "Đăng nhập: a từ 127.0.0.1 lúc " in page and "Access Log" not in page
    assert "Lịch sử thay đổi" in page  # Django's own Vietnamese says "Bản ghi nhớ"
    # Unlocking: the confirmation and the admin's history name the record in Vietnamese.
    url = f"/quan-tri/axes/accessattempt/{attempt.pk}/delete/"
    assert "Attempted Access" not in _shown(people.admin.get(url).content.decode())
    people.admin.post(url, {"post": "yes"})
    assert not AccessAttempt.objects.filter(username="a").exists()
    history = _shown(people.admin.get("/quan-tri/").content.decode())
    assert "a từ 127.0.0.1: 1 lần đăng nhập sai" in history
    audit = _shown(people.admin.get("/quan-tri/web/auditentry/").content.decode())
    for column in ("Lúc", "Tên đăng nhập", "Việc", "Đối tượng", "Chi tiết", "Địa chỉ IP"):
        assert column in audit
    assert "Bởi việc" in audit and "Thêm tài khoản" in audit  # the filter's choices in words
    raw = people.admin.get("/quan-tri/web/auditentry/").content.decode()
    assert 'alt="Tìm kiếm"' in raw and 'alt="Search"' not in raw  # the search box's icon
    for english in ("Username", "Label", "Target", "Detail", "Ip ", "action"):
        assert english not in audit
    entry = AuditEntry.objects.filter(action="dang-nhap", target="a").first()
    one = _shown(people.admin.get(f"/quan-tri/web/auditentry/{entry.pk}/change/").content.decode())
    assert "Đăng nhập: a" in one and "AuditEntry object" not in one
    user = get_user_model().objects.get(username="a")
    own = _shown(people.admin.get(f"/quan-tri/auth/user/{user.pk}/change/").content.decode())
    assert "Can add" not in own and "superuser" not in own  # the role decides, not permissions
    assert "Kích hoạt" in own


def test_the_compiled_translations_are_those_of_the_po_file() -> None:
    import gettext
    from pathlib import Path

    folder = Path(__file__).resolve().parent.parent / "pipeline/web/locale/vi/LC_MESSAGES"
    text = (folder / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(
        r'^msgid "(.+)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(.*)"$', text, re.M
    )
    assert len(pairs) > 60
    with (folder / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [(m, s) for m, s in pairs if compiled.gettext(m) != s]
    assert not stale, f"run `make messages`: {stale[:3]}"


def test_a_clerk_without_a_unit_is_refused_with_the_reason() -> None:
    people = make_people()
    shown = _new_account(people.admin, "khong-don-vi", "van-thu")
    assert "Văn thư phải thuộc một đơn vị." in shown
    assert not get_user_model().objects.filter(username="khong-don-vi").exists()


def test_only_the_administrator_gets_in_and_the_log_cannot_be_changed() -> None:
    people = make_people()
    for client in (people.clerk_a, people.office, Client()):
        response = client.get("/quan-tri/")
        assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    entry = AuditEntry.objects.first()
    assert people.admin.get(f"/quan-tri/web/auditentry/{entry.pk}/delete/").status_code == 403
    assert people.admin.get("/quan-tri/web/auditentry/add/").status_code == 403
    assert people.admin.get("/quan-tri/web/period/add/").status_code == 403  # made from a folder
    listing = people.admin.get("/quan-tri/web/auditentry/").content.decode()
    assert "Đăng nhập" in listing  # the actions in words
    assert login("a").get("/quan-tri/web/auditentry/").status_code == 302


def test_a_unit_s_new_clerk_logs_in_with_the_password_made_for_them() -> None:
    from pipeline.web.accounts import add_unit_clerks
    from pipeline.web.demo import add_period

    add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    made = add_unit_clerks("vi-du")
    assert len(made) == 5 and len({m.name for m in made}) == 5
    first = made[0]
    client = Client()
    page = client.post("/dang-nhap/", {"username": first.name, "password": first.password})
    assert page.status_code == 302
    assert f"Đề nghị khen thưởng của {first.unit}" in client.get("/de-nghi/").content.decode()
    assert AuditEntry.objects.filter(action="them-tai-khoan").count() == 5
    assert add_unit_clerks("vi-du") == []


def test_the_period_pages_of_the_administrator_name_every_field_in_vietnamese(data_dir) -> None:
    from pipeline.web.demo import add_period

    period = add_period("vi-du", "bu-gia-map-cds-2022-2025", None, example=True)
    people = make_people()
    listing = _shown(people.admin.get("/quan-tri/web/period/").content.decode())
    one = _shown(people.admin.get(f"/quan-tri/web/period/{period.pk}/change/").content.decode())
    for page in (listing, one):
        for english in ("Slug", "Folder", "Plan id", "Review id"):
            assert english not in page, english
    assert "Kế hoạch" in one and "Thư mục" in one


def test_the_admins_dates_read_as_on_hosos_own_pages() -> None:
    people = make_people()
    login("office")  # a last login to show
    office = get_user_model().objects.get(username="office")
    listing = unescape(people.admin.get("/quan-tri/auth/user/").content.decode())
    assert re.search(r"\d\d:\d\d ngày \d\d/\d\d/\d{4}", listing), listing
    assert "Ngày " not in listing.split("<tbody>")[1]
    page = people.admin.get(f"/quan-tri/auth/user/{office.pk}/change/").content.decode()
    # Kept as they happen, read, not typed: no date box, no note on the server's clock.
    shown = re.search(r"Lần cuối đăng nhập:</label>\s*<div class=\"readonly\">([^<]+)</div>", page)
    assert shown and re.fullmatch(r"\d\d:\d\d ngày \d\d/\d\d/\d{4}", shown[1]), page
    assert 'name="last_login_0"' not in page and 'name="date_joined_0"' not in page
    # The admin's calendar ("Hôm nay") writes the first of these.
    catalog = people.admin.get("/quan-tri/jsi18n/").content.decode()
    assert re.search(r'"DATE_INPUT_FORMATS": \[\s*"%d/%m/%Y"', catalog), catalog


def test_the_log_names_each_new_accounts_role_in_words_not_its_code() -> None:
    people = make_people()  # made as `hoso user add` makes them
    unit = Profile.objects.get(user__username="a").unit
    assert unit is not None
    _new_account(people.admin, "thidua-moi", "thi-dua")  # and one made in the browser
    shown = as_read(people.admin.get("/nhat-ky/").content.decode())
    assert f"vai trò Văn thư đơn vị, đơn vị {unit.name}" in shown, shown
    assert "vai trò Thường trực thi đua" in shown and "vai trò Quản trị" in shown, shown
    assert not re.search(r"vai trò (van-thu|thi-dua|quan-tri)", shown), shown


def test_an_accounts_role_has_no_numbered_heading_and_its_password_no_hash() -> None:
    from pipeline.web.models import Unit

    people = make_people()
    add = _shown(people.admin.get("/quan-tri/auth/user/add/").content.decode())
    assert "Vai trò: #1" not in add and "#1" not in add
    assert "Vai trò" in add and "Văn thư đơn vị" in add  # the block's title and its field
    _new_account(people.admin, "vanthu-moi", "van-thu", Unit.objects.get(name=UNIT_A).pk)
    made = get_user_model().objects.get(username="vanthu-moi")
    page = people.admin.get(f"/quan-tri/auth/user/{made.pk}/change/").content.decode()
    said = " ".join(_shown(page).split())
    assert "Mật khẩu: Đã đặt mật khẩu. Đặt lại mật khẩu" in said, said
    assert f'href="../../{made.pk}/password/"' in page or 'href="../password/"' in page
    for hash_words in ("pbkdf2", "thuật toán", "lặp lại", "salt", "băm", made.password[-8:]):
        assert hash_words not in said, hash_words
    # One heading for the role: the block's, not a second "Vai trò: Văn thư đơn vị" in it.
    assert "Vai trò: Văn thư đơn vị" not in said
    # The link sets the password: the account logs in with the new one.
    form = {"password1": "mat-khau-khac-456", "password2": "mat-khau-khac-456"}
    people.admin.post(f"/quan-tri/auth/user/{made.pk}/password/", form)
    clerk = Client()
    clerk.post("/dang-nhap/", {"username": "vanthu-moi", "password": "mat-khau-khac-456"})
    assert clerk.get("/")["Location"] == "/de-nghi/"
