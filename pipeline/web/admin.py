"""The administrator's pages (/quan-tri/): accounts with their role and unit, units, periods, and
the audit log read-only, so that an office never needs the command line to manage accounts."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from pipeline.web.access import audit
from pipeline.web.models import AuditEntry, Period, Profile, Unit

admin.site.site_header = "hoso: quản trị"
admin.site.site_title = "hoso"
admin.site.index_title = "Tài khoản, đơn vị, đợt xét, nhật ký"


class ProfileInline(admin.StackedInline):
    """A user's role and unit, on the user's own page."""

    model = Profile
    can_delete = False
    min_num = 1
    max_num = 1
    extra = 0
    autocomplete_fields = ("unit",)


class AccountAdmin(UserAdmin):
    """Django's user pages with the hoso role and unit; an administrator is made staff."""

    inlines = (ProfileInline,)
    list_display = ("username", "role", "unit", "is_active", "last_login")
    list_filter = ("profile__role", "is_active")

    @admin.display(description="vai trò")
    def role(self, user: Any) -> str:
        profile = Profile.objects.filter(user=user).first()
        return str(profile) if profile else "(chưa có)"

    @admin.display(description="đơn vị")
    def unit(self, user: Any) -> str:
        profile = Profile.objects.filter(user=user).select_related("unit").first()
        return profile.unit.name if profile and profile.unit else ""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The role decides the admin flags; a new account is written in the audit log."""
        super().save_related(request, form, formsets, change)
        user = form.instance
        profile = Profile.objects.filter(user=user).select_related("unit").first()
        if profile is None:
            return
        admin_role = profile.role == "quan-tri"
        if (user.is_staff, user.is_superuser) != (admin_role, admin_role):
            user.is_staff = user.is_superuser = admin_role
            user.save(update_fields=["is_staff", "is_superuser"])
        unit = f", đơn vị {profile.unit.name}" if profile.unit else ""
        detail = f"vai trò {profile.role}{unit}"
        if change:
            audit(request, "sua-tai-khoan", user.get_username(), detail)
        else:
            audit(request, "them-tai-khoan", user.get_username(), detail)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """The units that propose."""

    search_fields = ("name",)
    ordering = ("name",)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin):
    """The periods (made on the period pages; their folder is not edited here)."""

    list_display = ("title", "plan_id", "review_id", "folder")
    readonly_fields = ("slug", "folder", "plan_id", "review_id")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a period is its folder: made on the office's “Tạo đợt xét mới” page

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # its folder and the units' submissions stay; only its title is edited


@admin.register(AuditEntry)
class AuditAdmin(admin.ModelAdmin):
    """The audit log: read, searched and filtered, never changed."""

    list_display = ("at", "username", "label", "target", "detail", "ip")
    list_filter = ("action",)
    search_fields = ("username", "target", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
