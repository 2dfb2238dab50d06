import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """After 0008 gave every menu and link a portal (in its own transaction: PostgreSQL
    alters no table with the data migration's foreign key checks still pending)."""

    dependencies = [
        ('pages', '0008_menus_and_links_per_portal'),
        ('portals', '0002_portal_theme'),
    ]

    operations = [
        migrations.AlterField(
            model_name='menu',
            name='portal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='menus', to='portals.portal', verbose_name='cổng', help_text='Cổng có menu này.'),
        ),
        migrations.AlterField(
            model_name='websitelink',
            name='portal',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='website_links', to='portals.portal', verbose_name='cổng', help_text='Cổng hiện liên kết này trong khối “Liên kết website”.'),
        ),
        migrations.AlterField(
            model_name='menu',
            name='slug',
            field=models.SlugField(help_text='Mã dùng trong giao diện. Menu chính ở đầu trang có mã “main”, menu của các trang tiếng Anh có mã “main-en”.', verbose_name='mã menu'),
        ),
        migrations.AlterModelOptions(
            name='menu',
            options={'ordering': ['portal', 'name'], 'verbose_name': 'menu', 'verbose_name_plural': 'menu'},
        ),
        migrations.AddConstraint(
            model_name='menu',
            constraint=models.UniqueConstraint(fields=('portal', 'slug'), name='menu_slug_unique_per_portal', violation_error_message='Cổng này đã có một menu với mã này.'),
        ),
    ]
