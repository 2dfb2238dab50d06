import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models

import portals.models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('organizations', '0007_unguessable_upload_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='Portal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('is_main', models.BooleanField(default=False, help_text='Cổng trả lời ở địa chỉ của máy chủ (localhost, 127.0.0.1 và các tên trong DJANGO_ALLOWED_HOSTS) và nhận tin của các tổ chức không thuộc cổng nào. Chỉ có một.', verbose_name='cổng chính')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ngày tạo')),
                ('organization', models.OneToOneField(blank=True, help_text='Cổng đăng tin của tổ chức này và các tổ chức trực thuộc (trừ những tổ chức trực thuộc có cổng riêng). Để trống chỉ được với cổng chính: khi đó cổng chính nhận tin của mọi tổ chức không thuộc cổng nào khác.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='portal', to='organizations.organization', verbose_name='tổ chức')),
            ],
            options={
                'verbose_name': 'cổng',
                'verbose_name_plural': 'các cổng',
                'ordering': ['-is_main', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='PortalDomain',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('domain', models.CharField(help_text='Ví dụ: tinhuy.camau.gov.vn, hoặc tinhuy.localhost:8000 khi chạy thử.', max_length=253, validators=[portals.models.validate_domain], verbose_name='tên miền')),
                ('is_primary', models.BooleanField(default=False, help_text='Các tên miền khác của cổng chuyển về tên miền chính (301).', verbose_name='tên miền chính')),
                ('portal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='domains', to='portals.portal', verbose_name='cổng')),
            ],
            options={
                'verbose_name': 'tên miền',
                'verbose_name_plural': 'tên miền',
                'ordering': ['-is_primary', 'domain'],
            },
        ),
        migrations.AddConstraint(
            model_name='portal',
            constraint=models.UniqueConstraint(condition=models.Q(('is_main', True)), fields=('is_main',), name='one_main_portal', violation_error_message='Đã có một cổng chính.'),
        ),
        migrations.AddConstraint(
            model_name='portaldomain',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('domain'), name='unique_portal_domain', violation_error_message='Tên miền này đã thuộc một cổng.'),
        ),
        migrations.AddConstraint(
            model_name='portaldomain',
            constraint=models.UniqueConstraint(condition=models.Q(('is_primary', True)), fields=('portal',), name='one_primary_domain_per_portal', violation_error_message='Mỗi cổng chỉ có một tên miền chính.'),
        ),
    ]
