"""The auditevent model(s) move here from the portal app with their tables
(portal_*): the state moves, the database is not touched."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ['auditevent']


def content_types_follow(apps, schema_editor):
    """The models' content types (which permissions, the admin's log and the roles point
    to) move with them from the portal app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label="portal", model=model).exists():
            ContentType.objects.filter(app_label="audit", model=model).delete()
            ContentType.objects.filter(app_label="portal", model=model).update(app_label="audit")


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="audit", model__in=MODELS).update(app_label="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("portal", "0006_auditevent_password_change"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[

            migrations.CreateModel(
                name='AuditEvent',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='thời điểm')),
                    ('actor_name', models.CharField(blank=True, help_text='Giữ lại cả khi tài khoản đã bị xóa, hoặc tên đã gõ khi đăng nhập sai.', max_length=150, verbose_name='tên đăng nhập')),
                    ('action', models.CharField(choices=[('login', 'Đăng nhập'), ('logout', 'Đăng xuất'), ('login_failed', 'Đăng nhập sai'), ('publish', 'Đăng bài'), ('unpublish', 'Gỡ bài'), ('archive', 'Lưu trữ bài'), ('delete', 'Xóa'), ('restore', 'Khôi phục phiên bản'), ('permission_change', 'Thay đổi quyền'), ('login_unlock', 'Mở khóa đăng nhập'), ('password_change', 'Đổi mật khẩu')], db_index=True, max_length=30, verbose_name='hành động')),
                    ('object_type', models.CharField(blank=True, max_length=100, verbose_name='loại đối tượng')),
                    ('object_id', models.CharField(blank=True, max_length=64, verbose_name='mã đối tượng')),
                    ('object_repr', models.CharField(blank=True, max_length=255, verbose_name='đối tượng')),
                    ('detail', models.TextField(blank=True, verbose_name='chi tiết')),
                    ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='địa chỉ IP')),
                    ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người thực hiện')),
                ],
                options={
                    'verbose_name': 'nhật ký hệ thống',
                    'verbose_name_plural': 'nhật ký hệ thống',
                    'db_table': 'portal_auditevent',
                    'ordering': ['-created_at', '-id'],
                    'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_object_idx')],
                },
            ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
