"""The app's records: units, periods, proposals with every uploaded version, builds, audit, tokens."""

from __future__ import annotations

from django.conf import settings
from django.db import models

ROLES = [
    ("van-thu", "Văn thư đơn vị"),
    ("thi-dua", "Thường trực thi đua"),
    ("quan-tri", "Quản trị"),
]


class Unit(models.Model):
    """A unit that proposes: its name as its workbook writes “Cơ quan trình khen”."""

    name = models.CharField(
        "tên đơn vị",
        max_length=300,
        unique=True,
        help_text="Đúng như ô “Cơ quan trình khen” trong tệp Excel của đơn vị.",
    )

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """A user's role and, for a unit's clerk, the unit."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField("vai trò", max_length=20, choices=ROLES)
    unit = models.ForeignKey(
        Unit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        verbose_name="đơn vị",
        help_text="Chỉ với văn thư: văn thư chỉ thấy đề nghị của đơn vị mình.",
    )

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"

    def __str__(self) -> str:
        return dict(ROLES).get(self.role, self.role)

    def clean(self) -> None:
        """A clerk belongs to a unit; the other roles to none."""
        from django.core.exceptions import ValidationError

        if self.role == "van-thu" and self.unit_id is None:
            raise ValidationError({"unit": "Văn thư phải thuộc một đơn vị."})
        if self.role != "van-thu" and self.unit_id is not None:
            raise ValidationError({"unit": "Chỉ văn thư mới thuộc một đơn vị; hãy để trống."})


class Period(models.Model):
    """A review period of the office, kept as a period folder (dot-xet.toml, don-vi/)."""

    slug = models.SlugField("mã đợt xét (trên địa chỉ trang)", max_length=100, unique=True)
    folder = models.CharField("thư mục", max_length=300)  # relative to the data folder
    plan_id = models.CharField("kế hoạch", max_length=100)
    review_id = models.CharField("đợt xét của kế hoạch", max_length=100)
    title = models.CharField("tên đợt xét", max_length=300)

    class Meta:
        verbose_name = "đợt xét"
        verbose_name_plural = "đợt xét"

    def __str__(self) -> str:
        return self.title


class Proposal(models.Model):
    """A unit's proposal for a plan and review; its uploads are its versions."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT)
    period = models.ForeignKey(Period, null=True, blank=True, on_delete=models.SET_NULL)
    plan_id = models.CharField(max_length=100)
    review_id = models.CharField(max_length=100)
    created = models.DateTimeField(auto_now_add=True)
    submitted = models.ForeignKey(
        "Upload", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The office sent the submission back to be corrected: when, and why (shown to the clerk).
    returned_at = models.DateTimeField("trả lại lúc", null=True, blank=True)
    returned_note = models.TextField("lý do trả lại", blank=True)

    def latest(self) -> Upload | None:
        """The newest uploaded version, or None."""
        return self.uploads.order_by("-number").first()

    def unchanged_since_return(self, latest: Upload | None) -> bool:
        """Whether the office sent the submission back and no version was uploaded since."""
        return self.returned_at is not None and latest is not None and latest.at <= self.returned_at


class Upload(models.Model):
    """One uploaded version of a proposal's workbook: kept for good, with who, when and sha256."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="uploads")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=255)  # the file name shown (cleaned)
    path = models.CharField(max_length=300)  # relative to the data folder
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(default=dict)  # the file's entry of `hoso check --json`
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["proposal", "number"], name="one-number-per-version"),
        )


class Build(models.Model):
    """A build of one uploaded version: a job of pipeline.jobs writing into its own folder."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="builds")
    upload = models.ForeignKey(Upload, on_delete=models.CASCADE)
    job_id = models.CharField(max_length=100)
    folder = models.CharField(max_length=300)  # relative to the data folder
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    # Its failure's whole text went to the server's log (once: its page is viewed again and again).
    failure_logged = models.BooleanField(default=False)


class PeriodRun(models.Model):
    """A build of a period's documents (consolidated Tờ trình, Quyết định, certificates…)."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(max_length=20, default="queued")
    message = models.TextField(blank=True)
    folder = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    job_id = models.CharField(max_length=64, blank=True)  # its job on the queue (pipeline.jobs)


# What each audit action code means, as the log page shows it (the code stays for machines).
ACTION_LABELS = {
    "dang-nhap": "Đăng nhập",
    "dang-nhap-sai": "Đăng nhập sai",
    "dang-xuat": "Đăng xuất",
    "doi-mat-khau": "Đổi mật khẩu",
    "them-tai-khoan": "Thêm tài khoản",
    "sua-tai-khoan": "Sửa tài khoản",
    "cap-token": "Cấp mã API",
    "tao-de-nghi": "Tạo đề nghị",
    "tai-len": "Tải lên tệp Excel",
    "tai-len-bi-tu-choi": "Tệp tải lên bị từ chối",
    "tai-ve-tep-excel": "Tải về tệp Excel",
    "tao-ho-so": "Tạo hồ sơ",
    "xem-truoc": "Xem trước",
    "tai-ve-zip": "Tải về hồ sơ (ZIP)",
    "tai-ve-tep": "Tải về một văn bản",
    "tai-len-da-ky": "Tải lên văn bản đã ký số",
    "tai-ve-ban-da-ky": "Tải về một bản đã ký số",
    "tai-goi-nop": "Tải gói nộp",
    "nop-ho-so": "Nộp hồ sơ cho đợt xét",
    "tra-lai-ho-so": "Trả lại hồ sơ đã nộp",
    "tai-tep-don-vi": "Tải về tệp Excel đơn vị đã nộp",
    "xem-ho-so-don-vi": "Xem hồ sơ của một đơn vị",
    "tai-bang-tinh-trang": "Tải bảng tình trạng các đơn vị",
    "tao-dot-xet": "Tạo đợt xét",
    "sua-dot-xet": "Sửa thông tin đợt xét",
    "ghi-ngay-nhan": "Ghi ngày nhận hồ sơ của đơn vị",
    "tai-tep-hoi-dong": "Tải tệp Hội đồng",
    "tai-len-hoi-dong": "Tải lên tệp Hội đồng",
    "sua-can-chinh-phoi": "Sửa căn chỉnh phôi",
    "tai-len-can-chinh-phoi": "Tải lên tệp căn chỉnh phôi",
    "khoi-phuc-can-chinh-phoi": "Dùng lại căn chỉnh phôi mặc định",
    "tai-trang-in-thu": "Tải trang in thử phôi",
    "tao-van-ban-dot-xet": "Tạo văn bản của đợt",
    "tai-ve-van-ban-dot-xet": "Tải về văn bản của đợt",
    "tai-ve-tep-dot-xet": "Xem, tải về một tệp của đợt",
    "api-tao-ho-so": "Tạo hồ sơ qua API",
    "api-tai-ve-zip": "Tải về hồ sơ qua API",
}


class AuditEntry(models.Model):
    """Who did what, when: uploads, builds, downloads, submissions, logins, refusals."""

    at = models.DateTimeField("lúc", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, verbose_name="tài khoản"
    )
    username = models.CharField("tên đăng nhập", max_length=150, blank=True)
    action = models.CharField("việc", max_length=40)
    target = models.CharField("đối tượng", max_length=300, blank=True)
    detail = models.TextField("chi tiết", blank=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    # The period the entry is about (its target names it, a proposal or a build of it): the
    # office reads its periods' log by this, not by the target's words.
    period = models.ForeignKey(
        Period,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="đợt xét",
    )

    class Meta:
        ordering = ("-at", "-id")
        verbose_name = "mục nhật ký"
        verbose_name_plural = "nhật ký"

    def __str__(self) -> str:
        return f"{self.label}: {self.target}" if self.target else self.label

    @property
    def label(self) -> str:
        """The action in words (its code when hoso has no words for it)."""
        return ACTION_LABELS.get(self.action, self.action)


class ApiToken(models.Model):
    """An API token of a user, stored as its sha256 only."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
