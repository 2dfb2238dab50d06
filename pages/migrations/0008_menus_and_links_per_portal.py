import django.db.models.deletion
from django.db import migrations, models


def attach_to_main_portal(apps, schema_editor):
    """An installation upgraded from one portal: its menus and website links become the
    main portal's."""
    Portal = apps.get_model("portals", "Portal")
    Menu = apps.get_model("pages", "Menu")
    WebsiteLink = apps.get_model("pages", "WebsiteLink")
    if not Menu.objects.exists() and not WebsiteLink.objects.exists():
        return
    main = Portal.objects.filter(is_main=True).first() or Portal.objects.create(is_main=True)
    Menu.objects.filter(portal__isnull=True).update(portal=main)
    WebsiteLink.objects.filter(portal__isnull=True).update(portal=main)


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0007_portalinformation_portal'),
        ('portals', '0002_portal_theme'),
    ]

    operations = [
        migrations.AddField(
            model_name='menu',
            name='portal',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='menus', to='portals.portal', verbose_name='cổng', help_text='Cổng có menu này.'),
        ),
        migrations.AddField(
            model_name='websitelink',
            name='portal',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='website_links', to='portals.portal', verbose_name='cổng', help_text='Cổng hiện liên kết này trong khối “Liên kết website”.'),
        ),
        migrations.RunPython(attach_to_main_portal, migrations.RunPython.noop),
    ]
