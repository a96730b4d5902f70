"""Vietnamese names of the records the administrator's pages show; a clerk's unit explained."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Verbose names in Vietnamese; help texts for a unit's name and a clerk's unit."""

    dependencies = [
        ("web", "0002_period_run_job"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="auditentry",
            options={
                "ordering": ("-at", "-id"),
                "verbose_name": "mục nhật ký",
                "verbose_name_plural": "nhật ký",
            },
        ),
        migrations.AlterModelOptions(
            name="period",
            options={"verbose_name": "đợt xét", "verbose_name_plural": "đợt xét"},
        ),
        migrations.AlterModelOptions(
            name="profile",
            options={"verbose_name": "vai trò", "verbose_name_plural": "vai trò"},
        ),
        migrations.AlterModelOptions(
            name="unit",
            options={"verbose_name": "đơn vị", "verbose_name_plural": "đơn vị"},
        ),
        migrations.AlterField(
            model_name="period",
            name="title",
            field=models.CharField(max_length=300, verbose_name="tên đợt xét"),
        ),
        migrations.AlterField(
            model_name="profile",
            name="role",
            field=models.CharField(
                choices=[
                    ("van-thu", "Văn thư đơn vị"),
                    ("thi-dua", "Thường trực thi đua"),
                    ("quan-tri", "Quản trị"),
                ],
                max_length=20,
                verbose_name="vai trò",
            ),
        ),
        migrations.AlterField(
            model_name="profile",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                help_text="Chỉ với văn thư: văn thư chỉ thấy đề nghị của đơn vị mình.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="web.unit",
                verbose_name="đơn vị",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(
                help_text="Đúng như ô “Cơ quan trình khen” trong tệp Excel của đơn vị.",
                max_length=300,
                unique=True,
                verbose_name="tên đơn vị",
            ),
        ),
    ]
