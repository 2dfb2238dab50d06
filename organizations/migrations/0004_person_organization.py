"""Each person's record is kept by an organisation (organizations.admin_scope): the one of
their first position, for the people already on the portal."""

import django.db.models.deletion
from django.db import migrations, models


def keeper_from_first_position(apps, schema_editor):
    Person = apps.get_model("organizations", "Person")
    Position = apps.get_model("organizations", "Position")
    for person in Person.objects.filter(organization__isnull=True):
        first = (
            Position.objects.filter(person=person)
            .order_by("order", "started_on", "id").values_list("organization_id", flat=True)
            .first()
        )
        if first is not None:
            Person.objects.filter(pk=person.pk).update(organization_id=first)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0003_image_renditions"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="organization",
            field=models.ForeignKey(
                blank=True,
                help_text="Quản trị của đơn vị này (và của cấp trên) được sửa hồ sơ cán bộ.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="people",
                to="organizations.organization",
                verbose_name="đơn vị quản lý hồ sơ",
            ),
        ),
        migrations.RunPython(keeper_from_first_position, migrations.RunPython.noop),
    ]
