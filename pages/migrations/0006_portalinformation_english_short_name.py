from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pages', '0005_reuse_notice_help_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='portalinformation',
            name='english_short_name',
            field=models.CharField(blank=True, help_text='Dùng ở đầu trang tiếng Anh trên điện thoại, ví dụ: Ca Mau Party Committee. Để trống thì dùng tên cổng bằng tiếng Anh.', max_length=80, verbose_name='tên ngắn bằng tiếng Anh'),
        ),
    ]
