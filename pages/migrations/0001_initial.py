"""The menu, menuitem, staticpage, contactmessage model(s) move here from the portal app with their tables
(portal_*): the state moves, the database is not touched."""

import django.db.models.deletion
from django.db import migrations, models

import core.fields
import pages.models

MODELS = ['menu', 'menuitem', 'staticpage', 'contactmessage']


def content_types_follow(apps, schema_editor):
    """The models' content types (which permissions, the admin's log and the roles point
    to) move with them from the portal app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label="portal", model=model).exists():
            ContentType.objects.filter(app_label="pages", model=model).delete()
            ContentType.objects.filter(app_label="portal", model=model).update(app_label="pages")


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="pages", model__in=MODELS).update(app_label="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("portal", "0006_auditevent_password_change"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[

            migrations.CreateModel(
                name='ContactMessage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=120, verbose_name='họ và tên')),
                    ('email', models.EmailField(max_length=254, verbose_name='thư điện tử')),
                    ('phone', models.CharField(blank=True, max_length=20, validators=[pages.models.validate_vietnamese_phone], verbose_name='số điện thoại')),
                    ('subject', models.CharField(max_length=200, verbose_name='tiêu đề')),
                    ('message', models.TextField(verbose_name='nội dung')),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='thời gian gửi')),
                    ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                    ('is_handled', models.BooleanField(default=False, help_text='Đánh dấu khi đã trả lời hoặc chuyển người phụ trách.', verbose_name='đã xử lý')),
                ],
                options={
                    'verbose_name': 'ý kiến liên hệ',
                    'verbose_name_plural': 'ý kiến liên hệ',
                    'db_table': 'portal_contactmessage',
                    'ordering': ['-created_at', '-id'],
                },
            ),
            migrations.CreateModel(
                name='Menu',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=100, verbose_name='tên menu')),
                    ('slug', models.SlugField(help_text='Mã dùng trong giao diện. Menu chính ở đầu trang có mã “main”.', unique=True, verbose_name='mã menu')),
                ],
                options={
                    'verbose_name': 'menu',
                    'verbose_name_plural': 'menu',
                    'db_table': 'portal_menu',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='StaticPage',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=200, verbose_name='tiêu đề')),
                    ('slug', models.SlugField(blank=True, help_text='Trang có địa chỉ /trang/<đường dẫn>/. Để trống để tạo tự động từ tiêu đề.', max_length=120, unique=True, verbose_name='đường dẫn')),
                    ('summary', models.CharField(blank=True, help_text='Một hai câu giới thiệu trang, hiện trên Google và khi chia sẻ lên mạng xã hội.', max_length=300, verbose_name='mô tả ngắn')),
                    ('body', core.fields.RichTextField(blank=True, verbose_name='nội dung')),
                    ('is_published', models.BooleanField(default=True, help_text='Bỏ chọn để giữ trang ở dạng bản nháp: chỉ người quản trị xem được.', verbose_name='đã đăng')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ngày cập nhật')),
                ],
                options={
                    'verbose_name': 'trang tĩnh',
                    'verbose_name_plural': 'trang tĩnh',
                    'db_table': 'portal_staticpage',
                    'ordering': ['title'],
                },
            ),
            migrations.CreateModel(
                name='MenuItem',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=100, verbose_name='tiêu đề')),
                    ('link', models.CharField(help_text='Đường dẫn trong trang như /tin-tuc/ hoặc địa chỉ đầy đủ như https://vpdt.bentre.dcs.vn/.', max_length=500, validators=[pages.models.validate_menu_link], verbose_name='liên kết')),
                    ('open_in_new_tab', models.BooleanField(default=False, help_text='Nên chọn cho liên kết sang trang web khác.', verbose_name='mở trong tab mới')),
                    ('order', models.PositiveIntegerField(default=100, help_text='Số nhỏ đứng trước.', verbose_name='thứ tự')),
                    ('is_active', models.BooleanField(default=True, verbose_name='hiển thị')),
                    ('menu', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='pages.menu', verbose_name='menu')),
                    ('parent', models.ForeignKey(blank=True, help_text='Để trống nếu đây là mục chính. Chỉ được lồng một cấp.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='children', to='pages.menuitem', verbose_name='mục cha')),
                ],
                options={
                    'verbose_name': 'mục menu',
                    'verbose_name_plural': 'mục menu',
                    'db_table': 'portal_menuitem',
                    'ordering': ['order', 'id'],
                },
            ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
