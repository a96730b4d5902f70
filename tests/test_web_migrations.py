"""The database's migrations on data already there: entries logged before the audit log named
each entry's period get their period from what they are about."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("web", "0006_period_vietnamese_names")]
AFTER = [("web", "0007_audit_period")]


@pytest.mark.django_db(transaction=True)
def test_entries_logged_before_get_the_period_they_are_about() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    period = old.get_model("web", "Period").objects.create(
        slug="vi-du", folder="dot-xet/vi-du", plan_id="p", review_id="r", title="Năm 2026"
    )
    unit = old.get_model("web", "Unit").objects.create(name="Trạm Y tế xã Bù Gia Mập")
    proposals = old.get_model("web", "Proposal").objects
    inside = proposals.create(unit=unit, period=period, plan_id="p", review_id="r")
    outside = proposals.create(unit=unit, plan_id="p", review_id="r")
    entries = old.get_model("web", "AuditEntry").objects
    targets = [
        "đợt vi-du, lần 2",
        f"đề nghị {inside.pk}, phiên bản 1",
        f"đề nghị {outside.pk}, phiên bản 1",
        "đợt khong-co",
        "tài khoản vanthu",
    ]
    for target in targets:
        entries.create(action="tai-len", target=target)

    executor = MigrationExecutor(connection)  # the graph as it is now, applied up to 0007
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("web", "AuditEntry").objects
    found = {e.target: e.period_id for e in new.all()}
    assert found == {
        targets[0]: period.pk,
        targets[1]: period.pk,
        targets[2]: None,
        targets[3]: None,
        targets[4]: None,
    }
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the test database left as it was
