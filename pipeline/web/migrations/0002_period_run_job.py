"""A period run remembers its job on the queue (pipeline.jobs)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """PeriodRun.job_id."""

    dependencies = [
        ("web", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="periodrun",
            name="job_id",
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
