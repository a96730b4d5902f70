"""Vietnamese names of the audit log's columns on the administrator's pages."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Verbose names of AuditEntry's fields."""

    dependencies = [
        ("web", "0003_vietnamese_names"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="action",
            field=models.CharField(max_length=40, verbose_name="việc"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="lúc"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="detail",
            field=models.TextField(blank=True, verbose_name="chi tiết"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="ip",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="địa chỉ IP"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="target",
            field=models.CharField(blank=True, max_length=300, verbose_name="đối tượng"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                to=settings.AUTH_USER_MODEL,
                verbose_name="tài khoản",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="username",
            field=models.CharField(blank=True, max_length=150, verbose_name="tên đăng nhập"),
        ),
    ]
