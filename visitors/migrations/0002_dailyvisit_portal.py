"""Visits are counted per portal (issue 19): each day's row belongs to a portal, and the days
counted before portals existed become the main portal's."""

import django.db.models.deletion
from django.db import migrations, models

import visitors.models


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
        migrations.AlterField(
            model_name="dailyvisit",
            name="portal",
            field=models.ForeignKey(
                default=visitors.models.main_portal_id,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="daily_visits", to="portals.portal", verbose_name="cổng",
            ),
        ),
        migrations.AlterField(
            model_name="dailyvisit",
            name="date",
            field=models.DateField(verbose_name="ngày"),
        ),
        migrations.AlterModelOptions(
            name="dailyvisit",
            options={
                "db_table": "portal_dailyvisit",
                "ordering": ["-date", "portal"],
                "verbose_name": "lượt truy cập trong ngày",
                "verbose_name_plural": "lượt truy cập theo ngày",
            },
        ),
        migrations.AddConstraint(
            model_name="dailyvisit",
            constraint=models.UniqueConstraint(
                fields=("portal", "date"), name="one_daily_visit_per_portal"
            ),
        ),
    ]
