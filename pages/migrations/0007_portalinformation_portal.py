import django.db.models.deletion
from django.db import migrations, models


def attach_to_main_portal(apps, schema_editor):
    """An installation upgraded from one portal: its information becomes the main portal's."""
    Portal = apps.get_model("portals", "Portal")
    PortalInformation = apps.get_model("pages", "PortalInformation")
    main = Portal.objects.filter(is_main=True).first() or Portal.objects.create(is_main=True)
    first = PortalInformation.objects.order_by("pk").first()
    if first is not None:
        PortalInformation.objects.filter(pk=first.pk).update(portal=main)


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0006_portalinformation_english_short_name'),
        ('portals', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='portalinformation',
            name='portal',
            field=models.OneToOneField(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='information', to='portals.portal', verbose_name='cổng'),
        ),
        migrations.RunPython(attach_to_main_portal, migrations.RunPython.noop),
    ]
