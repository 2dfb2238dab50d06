from django.db import migrations, models

import portals.theme


class Migration(migrations.Migration):

    dependencies = [
        ('portals', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='portal',
            name='theme_primary',
            field=models.CharField("màu chính", max_length=7, blank=True, db_default="", validators=[portals.theme.validate_hex_colour], help_text="Dạng #RRGGBB, nền của đầu trang và các điểm nhấn, đọc với chữ trắng. Để trống để dùng màu đỏ mặc định (#b3131b).",),
        ),
        migrations.AddField(
            model_name='portal',
            name='theme_primary_dark',
            field=models.CharField("màu chính đậm", max_length=7, blank=True, db_default="", validators=[portals.theme.validate_hex_colour], help_text="Dạng #RRGGBB, nền của menu và chân trang, màu tiêu đề; đọc với chữ trắng và chữ vàng #ffe08a. Để trống để dùng #7d0d12.",),
        ),
        migrations.AddField(
            model_name='portal',
            name='theme_link',
            field=models.CharField("màu liên kết", max_length=7, blank=True, db_default="", validators=[portals.theme.validate_hex_colour], help_text="Dạng #RRGGBB, màu chữ của liên kết trên nền trang. Để trống để dùng #9b1117.",),
        ),
        migrations.AddField(
            model_name='portal',
            name='theme_header_background',
            field=models.CharField("nền đầu trang", max_length=7, blank=True, db_default="", validators=[portals.theme.validate_hex_colour], help_text="Dạng #RRGGBB, nếu đầu trang cần màu khác màu chính; đọc với chữ trắng.",),
        ),
    ]
