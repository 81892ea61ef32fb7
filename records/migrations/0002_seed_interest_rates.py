"""Seed the underpayment rate table from the engine's defaults (DOMAIN.md section 4).

Staff edit the rows in the admin afterwards; re-running the seed never overwrites an edit.
"""

from django.db import migrations


def seed(apps, schema_editor):
    from records.engine.rates import DEFAULT_RATES

    InterestRatePeriod = apps.get_model("records", "InterestRatePeriod")
    for period in DEFAULT_RATES:
        InterestRatePeriod.objects.get_or_create(
            start=period.start,
            defaults={
                "rate": period.rate,
                "source": period.source[:200],
                "confirmed": period.confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
