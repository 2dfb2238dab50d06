"""Old slugs of articles and categories (core/old_slugs.py): when a published
article's slug is corrected, or a category's slug changed, the old address answers a
301 to the new one. The slug help texts say so."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0011_public_page_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Để trống để tạo tự động từ tiêu đề. Sau khi bài đã đăng, chỉ người duyệt bài sửa được đường dẫn; địa chỉ cũ vẫn mở được và tự chuyển sang địa chỉ mới.",
                max_length=160,
                unique=True,
                verbose_name="đường dẫn",
            ),
        ),
        migrations.AlterField(
            model_name="category",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Để trống để tạo tự động từ tên. Đổi đường dẫn thì địa chỉ cũ vẫn mở được: người đọc được tự chuyển sang địa chỉ mới.",
                max_length=120,
                unique=True,
                verbose_name="đường dẫn",
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text="Để trống để tạo tự động từ tiêu đề. Sau khi bài đã đăng, chỉ người duyệt bài sửa được đường dẫn; địa chỉ cũ vẫn mở được và tự chuyển sang địa chỉ mới.",
                max_length=160,
                verbose_name="đường dẫn",
            ),
        ),
        migrations.CreateModel(
            name="ArticleOldSlug",
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
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="old_slugs",
                        to="news.article",
                        verbose_name="bài viết",
                    ),
                ),
            ],
            options={
                "verbose_name": "đường dẫn cũ của bài viết",
                "verbose_name_plural": "đường dẫn cũ của bài viết",
                "ordering": ["-replaced_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="CategoryOldSlug",
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
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="old_slugs",
                        to="news.category",
                        verbose_name="chuyên mục",
                    ),
                ),
            ],
            options={
                "verbose_name": "đường dẫn cũ của chuyên mục",
                "verbose_name_plural": "đường dẫn cũ của chuyên mục",
                "ordering": ["-replaced_at", "-id"],
            },
        ),
    ]
