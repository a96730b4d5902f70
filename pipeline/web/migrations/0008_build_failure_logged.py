"""A build's failure is written to the server's log once, not at each view of its page."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Build.failure_logged."""

    dependencies = [
        ("web", "0007_audit_period"),
    ]

    operations = [
        migrations.AddField(
            model_name="build",
            name="failure_logged",
            field=models.BooleanField(default=False),
        ),
    ]
