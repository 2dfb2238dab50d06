from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portals', '0002_portal_theme'),
    ]

    operations = [
        migrations.AlterField(
            model_name='portal',
            name='is_main',
            field=models.BooleanField(default=False, help_text='Cổng trả lời ở các địa chỉ của chính máy chủ (như localhost, 127.0.0.1 và các tên máy chủ trong cấu hình) và nhận tin của các tổ chức không thuộc cổng nào. Chỉ có một.', verbose_name='cổng chính'),
        ),
    ]
