"""Each day's visits belong to a portal (after 0002 gave the old days to the main portal), and
one row per portal and day."""

import django.db.models.deletion
from django.db import migrations, models

import visitors.models


class Migration(migrations.Migration):

    dependencies = [
        ("visitors", "0002_dailyvisit_portal"),
    ]

    operations = [
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
