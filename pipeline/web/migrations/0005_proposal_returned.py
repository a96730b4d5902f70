"""A submission the office sent back: when and why."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Proposal.returned_at and returned_note."""

    dependencies = [
        ("web", "0004_audit_vietnamese_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="proposal",
            name="returned_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="trả lại lúc"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="returned_note",
            field=models.TextField(blank=True, verbose_name="lý do trả lại"),
        ),
    ]
