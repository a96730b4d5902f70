"""Each audit entry names the period it is about; the entries logged before are filled in."""

import re

import django.db.models.deletion
from django.db import migrations, models

# As pipeline.web.access._ABOUT: an entry's target names a period, a proposal or a build.
ABOUT = re.compile(r"^(đợt|đề nghị|hồ sơ) ([\w-]+)")


def fill_periods(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    """The period of every entry already logged, found from its target as the log page did."""
    entry_model = apps.get_model("web", "AuditEntry")
    slugs = dict(apps.get_model("web", "Period").objects.values_list("slug", "pk"))
    proposals = dict(apps.get_model("web", "Proposal").objects.values_list("pk", "period_id"))
    builds = dict(apps.get_model("web", "Build").objects.values_list("pk", "proposal__period_id"))
    for entry in entry_model.objects.all().iterator():
        about = ABOUT.match(entry.target)
        if about is None:
            continue
        kind, key = about.groups()
        if kind == "đợt":
            period = slugs.get(key)
        else:
            number = int(key) if key.isdigit() else -1
            period = (proposals if kind == "đề nghị" else builds).get(number)
        if period is not None:
            entry_model.objects.filter(pk=entry.pk).update(period_id=period)


class Migration(migrations.Migration):
    """AuditEntry.period, filled in for the entries already logged."""

    dependencies = [
        ("web", "0006_period_vietnamese_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="period",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="web.period",
                verbose_name="đợt xét",
            ),
        ),
        migrations.RunPython(fill_periods, migrations.RunPython.noop),
    ]
