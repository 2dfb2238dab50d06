"""Visits are counted per portal (issue 19): each day's row belongs to a portal, and the days
counted before portals existed become the main portal's. The rows are moved here, in their own
transaction; 0003 makes the portal required (PostgreSQL alters no table whose rows have
pending trigger events in the same transaction)."""

import django.db.models.deletion
from django.db import migrations, models


def rows_become_main_portals(apps, schema_editor):
    DailyVisit = apps.get_model("visitors", "DailyVisit")
    if not DailyVisit.objects.filter(portal__isnull=True).exists():
        return
    Portal = apps.get_model("portals", "Portal")
    main = Portal.objects.filter(is_main=True).first() or Portal.objects.create(is_main=True)
    DailyVisit.objects.filter(portal__isnull=True).update(portal=main)


class Migration(migrations.Migration):

    dependencies = [
        ("portals", "0001_initial"),
        ("pages", "0007_portalinformation_portal"),
        ("visitors", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dailyvisit",
            name="portal",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE,
                related_name="daily_visits", to="portals.portal", verbose_name="cổng",
            ),
        ),
        migrations.RunPython(rows_become_main_portals, migrations.RunPython.noop),
    ]
