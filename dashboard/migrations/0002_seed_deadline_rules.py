"""Seed the deadline rules table from cases.deadlines (the reviewed defaults) and the
firm's settings row. Existing rows are left alone, so a partner's edits survive."""

from django.db import migrations


def seed(apps, schema_editor):
    from cases.deadlines import DEFAULT_RULES, ESCALATION_NEXT

    DeadlineRule = apps.get_model("dashboard", "DeadlineRule")
    FirmSettings = apps.get_model("dashboard", "FirmSettings")
    for code, rule in DEFAULT_RULES.items():
        next_code, next_title = ESCALATION_NEXT.get(code, ("", ""))
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "clock": rule.clock.value,
                "action": rule.action,
                "source": rule.source,
                "printed_date_governs": rule.printed_date_governs,
                "days": rule.days,
                "large_balance_business_days": rule.large_balance_business_days,
                "estimate": rule.estimate,
                "next_code": next_code,
                "next_title": next_title,
            },
        )
    FirmSettings.objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
