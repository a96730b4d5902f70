"""The app's addresses (Vietnamese paths for people, /api/v1/ for scripts)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from pipeline.web import (
    api,
    blank,
    builds,
    clerk,
    council,
    office,
    office_signed,
    pages,
    period_edit,
    period_new,
    proposal,
    received,
    returns,
    signed,
    stock,
    unit_files,
    versions,
)

handler400 = "pipeline.web.limits.bad_request"  # too many files at once: said in Vietnamese

urlpatterns = [
    path("", pages.home, name="home"),
    path("dang-nhap/", pages.Login.as_view(), name="dang-nhap"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="dang-xuat"),
    path("doi-mat-khau/", pages.PasswordChange.as_view(), name="doi-mat-khau"),
    path("nhat-ky/", pages.audit_log, name="nhat-ky"),
    path("quan-tri/", admin.site.urls),
    path("mau/<str:plan_id>/<str:review_id>/<str:kind>.xlsx", blank.blank_workbook, name="mau"),
    path("de-nghi/", clerk.proposals, name="de-nghi"),
    path("de-nghi/<int:pk>/", proposal.proposal, name="de-nghi-chi-tiet"),
    path("de-nghi/<int:pk>/phien-ban/<int:version>/", proposal.proposal, name="phien-ban"),
    path("de-nghi/<int:pk>/tai-len/", versions.upload, name="tai-len"),
    path("de-nghi/<int:pk>/tao-ho-so/", builds.start, name="tao-ho-so"),
    path("de-nghi/<int:pk>/nop/", office.submit, name="nop"),
    path("tep-excel/<int:pk>/", versions.download_upload, name="tep-excel"),
    path("ho-so/<int:pk>/", builds.page, name="ho-so"),
    path("ho-so/<int:pk>/tien-do/", builds.progress, name="tien-do"),
    path("ho-so/<int:pk>/xem-truoc/", builds.preview, name="xem-truoc"),
    path("ho-so/<int:pk>/trang/<int:index>/<int:number>.png", builds.page_image, name="trang"),
    path("ho-so/<int:pk>/tai-ve.zip", builds.download, name="tai-ve-zip"),
    path("ho-so/<int:pk>/tep/<int:index>/", builds.download_file, name="tai-ve-tep"),
    path("ho-so/<int:pk>/da-ky/", signed.upload_signed, name="tai-len-da-ky"),
    path("ho-so/<int:pk>/da-ky/<int:index>/", signed.download_signed, name="tai-ve-ban-da-ky"),
    path("ho-so/<int:pk>/goi-nop.zip", signed.package, name="goi-nop"),
    path("dot-xet/", office.periods, name="dot-xet-list"),
    path("dot-xet/moi/", period_new.new_period, name="dot-xet-moi"),
    path("dot-xet/moi/ke-hoach/", period_new.plan_parts, name="dot-xet-moi-ke-hoach"),
    path("dot-xet/<slug:slug>/", office.period, name="dot-xet"),
    path("dot-xet/<slug:slug>/sua/", period_edit.edit_period, name="dot-xet-sua"),
    path(
        "dot-xet/<slug:slug>/tra-lai/<int:pk>/", returns.return_submission, name="dot-xet-tra-lai"
    ),
    path("dot-xet/<slug:slug>/ngay-nhan/", received.record_received, name="dot-xet-ngay-nhan"),
    path(
        "dot-xet/<slug:slug>/tinh-trang.xlsx",
        unit_files.status_workbook,
        name="dot-xet-tinh-trang",
    ),
    path("dot-xet/<slug:slug>/don-vi/<str:name>/", unit_files.workbook, name="dot-xet-tep-don-vi"),
    path(
        "dot-xet/<slug:slug>/don-vi/<str:name>/ho-so.pdf",
        unit_files.dossier,
        name="dot-xet-ho-so-don-vi",
    ),
    path("dot-xet/<slug:slug>/hoi-dong.xlsx", council.council_workbook, name="hoi-dong"),
    path("dot-xet/<slug:slug>/hoi-dong/", council.upload_council, name="hoi-dong-tai-len"),
    path("dot-xet/<slug:slug>/phoi/", stock.stock, name="phoi"),
    path("dot-xet/<slug:slug>/phoi/<slug:kind>/", stock.save, name="phoi-luu"),
    path("dot-xet/<slug:slug>/phoi/<slug:kind>/tai-len/", stock.upload, name="phoi-tai-len"),
    path("dot-xet/<slug:slug>/phoi/<slug:kind>/mac-dinh/", stock.reset, name="phoi-mac-dinh"),
    path("dot-xet/<slug:slug>/phoi/<slug:kind>/trang-thu.pdf", stock.test_page, name="phoi-in-thu"),
    path(
        "dot-xet/<slug:slug>/phoi/<slug:kind>/trang-thu.png",
        stock.test_page_image,
        name="phoi-anh",
    ),
    path("dot-xet/<slug:slug>/phoi/<slug:kind>.toml", stock.calibration_file, name="phoi-tep"),
    path("dot-xet/<slug:slug>/van-ban/", office.build_documents, name="dot-xet-tao"),
    path("dot-xet/<slug:slug>/van-ban/tien-do/", office.run_status, name="dot-xet-tien-do"),
    path("dot-xet/<slug:slug>/van-ban/<int:pk>.zip", office.download_run, name="dot-xet-zip"),
    path(
        "dot-xet/<slug:slug>/van-ban/<int:pk>/tep/<int:index>/",
        office.run_file,
        name="dot-xet-tep",
    ),
    path(
        "dot-xet/<slug:slug>/van-ban/<int:pk>/da-ky/",
        office_signed.upload_signed,
        name="dot-xet-tai-len-da-ky",
    ),
    path(
        "dot-xet/<slug:slug>/van-ban/<int:pk>/da-ky/<int:index>/",
        office_signed.download_signed,
        name="dot-xet-ban-da-ky",
    ),
    path(
        "dot-xet/<slug:slug>/van-ban/<int:pk>/goi-nop.zip",
        office_signed.package,
        name="dot-xet-goi-nop",
    ),
    path("api/v1/check", api.check, name="api-check"),
    path("api/v1/builds", api.builds, name="api-builds"),
    path("api/v1/builds/<int:pk>", api.build, name="api-build"),
    path("api/v1/builds/<int:pk>/download", api.download, name="api-download"),
    path("api/v1/periods/<slug:slug>/run", api.period_run, name="api-period-run"),
    path("api/v1/periods/<slug:slug>/runs/<int:pk>", api.period_run, name="api-period-runs"),
]
