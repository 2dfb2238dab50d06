"""Indexes in the order the public pages read: published articles newest first, per
category, organisation and featured flag, the sitemap's lastmod, and the directive
library's order. They replace the (…, status, -published_at) indexes, which needed a sort
on id and served unpublished rows no public page reads. bench/INDEXES.md has the plans."""

from django.db import migrations, models

PUBLISHED = models.Q(("status", "published"))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0010_image_renditions"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=PUBLISHED, fields=["-published_at", "-id"], name="article_published_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=PUBLISHED, fields=["category", "-published_at", "-id"],
                name="article_category_published_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=PUBLISHED, fields=["organization", "-published_at", "-id"],
                name="article_org_published_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=models.Q(("status", "published"), ("is_featured", True)),
                fields=["-published_at", "-id"], name="article_featured_published_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                condition=PUBLISHED, fields=["-updated_at"], name="article_updated_published_idx"
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_public_idx"),
        migrations.RemoveIndex(model_name="article", name="article_category_idx"),
        migrations.RemoveIndex(model_name="article", name="article_org_idx"),
        migrations.RemoveIndex(model_name="article", name="article_featured_idx"),
        migrations.AddIndex(
            model_name="directive",
            index=models.Index(fields=["-issued_on", "-id"], name="directive_issued_idx"),
        ),
        migrations.AddIndex(
            model_name="directive",
            index=models.Index(fields=["-is_key", "-issued_on", "-id"], name="directive_home_idx"),
        ),
    ]
