"""The administrator's pages (/quan-tri/): accounts with their role and unit, units, periods, and
the audit log read-only, so that an office never needs the command line to manage accounts."""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import ReadOnlyPasswordHashWidget, UserChangeForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from pipeline.vietnamese import sort_key
from pipeline.web.access import audit
from pipeline.web.models import ACTION_LABELS, AuditEntry, Period, Profile, Unit

admin.site.site_header = "hoso: quản trị"
admin.site.site_title = "hoso"
admin.site.index_title = "Tài khoản, đơn vị, đợt xét, nhật ký"


class ProfileInline(admin.StackedInline):
    """A user's role and unit, on the user's own page."""

    model = Profile
    template = "admin/mot_vai_tro.html"  # one role: no "Vai trò: #1" heading above its field
    can_delete = False
    min_num = 1
    max_num = 1
    extra = 0
    autocomplete_fields = ("unit",)


class PasswordSet(ReadOnlyPasswordHashWidget):
    """An account's password as the administrator needs it: set or not, and the button to set
    it (Django's shows the hash's algorithm, iterations, salt and digest)."""

    template_name = "web/_mat_khau_tai_khoan.html"

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["usable"] = bool(value) and not value.startswith(UNUSABLE_PASSWORD_PREFIX)
        return context


class AccountChangeForm(UserChangeForm):  # type: ignore[type-arg]
    """Django's account form, its password said as set or not (not its hash)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "password" in self.fields:
            self.fields["password"].widget = PasswordSet()


class AccountAdmin(UserAdmin):
    """Django's user pages with the hoso role and unit; an administrator is made staff."""

    inlines = (ProfileInline,)
    form = AccountChangeForm
    # The role decides what an account may do (save_related sets the admin flags from it): no
    # groups, per-user permissions (named in English by Django, "Can add log entry") or flags.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("first_name", "last_name", "email")}),
        ("Trạng thái", {"fields": ("is_active", "last_login", "date_joined")}),
    )
    # hoso logs in by password only: Django's "log in by password: on/off" switch (off: for
    # single sign-on, LDAP) would make an account that cannot log in at all.
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "password1", "password2")}),
    )
    # Kept by Django as they happen, not typed (the form's clock notes only puzzled the reader).
    readonly_fields = ("last_login", "date_joined")
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
        detail = f"vai trò {profile}{unit}"  # the role's name (Profile's str), not its code
        if change:
            audit(request, "sua-tai-khoan", user.get_username(), detail)
        else:
            audit(request, "them-tai-khoan", user.get_username(), detail)


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), AccountAdmin)
admin.site.unregister(Group)  # roles, not groups, give permissions in hoso


class AttemptAdmin(AccessAttemptAdmin):
    """django-axes' failed log-ins still counted (deleting one unlocks it), its status column in
    Vietnamese ("Status", "4 Attempt Remaining" in axes)."""

    @admin.display(description="tình trạng")
    def status(self, obj: AccessAttempt) -> str:
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        return f"còn {left} lần thử" if left > 0 else "bị khóa"


admin.site.unregister(AccessAttempt)
admin.site.register(AccessAttempt, AttemptAdmin)


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


class ActionFilter(admin.SimpleListFilter):
    """The log filtered by what was done, in words (the codes are hoso's own)."""

    title = "việc"
    parameter_name = "action"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        found = set(AuditEntry.objects.values_list("action", flat=True).distinct())
        return sorted(
            ((code, ACTION_LABELS.get(code, code)) for code in found), key=lambda c: sort_key(c[1])
        )

    def queryset(
        self, request: HttpRequest, queryset: QuerySet[AuditEntry]
    ) -> QuerySet[AuditEntry]:
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditAdmin(admin.ModelAdmin):
    """The audit log: read, searched and filtered, never changed."""

    list_display = ("at", "username", "label", "target", "detail", "ip")
    list_filter = (ActionFilter,)
    search_fields = ("username", "target", "detail")
    fields = ("at", "username", "label", "target", "detail", "ip")
    readonly_fields = ("at", "label")

    @admin.display(description="việc", ordering="action")
    def label(self, entry: AuditEntry) -> str:
        return entry.label

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
