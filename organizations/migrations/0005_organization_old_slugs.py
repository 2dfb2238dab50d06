"""Old slugs of organisations (core/old_slugs.py): the old address of an
organisation whose slug changed answers a 301 to the new one. The help text says so."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0004_person_organization"),
    ]

    operations = [
        migrations.AlterField(
            model_name="organization",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Phần cuối của địa chỉ trang; để trống để tạo tự động từ tên. Đổi đường dẫn thì địa chỉ cũ vẫn mở được: người đọc được tự chuyển sang địa chỉ mới.",
                max_length=120,
                unique=True,
                verbose_name="đường dẫn",
            ),
        ),
        migrations.CreateModel(
            name="OrganizationOldSlug",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "slug",
                    models.SlugField(max_length=160, unique=True, verbose_name="đường dẫn cũ"),
                ),
                (
                    "replaced_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="đổi lúc"),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="old_slugs",
                        to="organizations.organization",
                        verbose_name="tổ chức",
                    ),
                ),
            ],
            options={
                "verbose_name": "đường dẫn cũ của tổ chức",
                "verbose_name_plural": "đường dẫn cũ của tổ chức",
                "ordering": ["-replaced_at", "-id"],
            },
        ),
    ]
