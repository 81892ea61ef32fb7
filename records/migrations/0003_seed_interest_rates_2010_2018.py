"""Add the 2010-2018 underpayment rates (IRS Notice 746, DOMAIN.md section 4) to databases
seeded before the engine knew them. Rows staff already entered for those quarters are kept."""

from django.db import migrations


def seed(apps, schema_editor):
    from records.engine.rates import DEFAULT_RATES

    InterestRatePeriod = apps.get_model("records", "InterestRatePeriod")
    for period in DEFAULT_RATES:
        if period.start.year > 2018:
            continue
        InterestRatePeriod.objects.get_or_create(
            start=period.start,
            defaults={
                "rate": period.rate,
                "source": period.source[:200],
                "confirmed": period.confirmed,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0002_seed_interest_rates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
