"""The period's fields named in Vietnamese on the administrator's pages."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Period.slug, folder, plan_id, review_id: Vietnamese verbose names."""

    dependencies = [
        ("web", "0005_proposal_returned"),
    ]

    operations = [
        migrations.AlterField(
            model_name="period",
            name="folder",
            field=models.CharField(max_length=300, verbose_name="thư mục"),
        ),
        migrations.AlterField(
            model_name="period",
            name="plan_id",
            field=models.CharField(max_length=100, verbose_name="kế hoạch"),
        ),
        migrations.AlterField(
            model_name="period",
            name="review_id",
            field=models.CharField(max_length=100, verbose_name="đợt xét của kế hoạch"),
        ),
        migrations.AlterField(
            model_name="period",
            name="slug",
            field=models.SlugField(
                max_length=100, unique=True, verbose_name="mã đợt xét (trên địa chỉ trang)"
            ),
        ),
    ]
