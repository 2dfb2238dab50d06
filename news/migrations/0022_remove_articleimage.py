"""Remove "Ảnh có chú thích" (news.ArticleImage): its photos are library images shown in the
articles' text since 0021.

Its content type goes too, and with it its four permissions and the roles and people
holding them: a form that gives permissions would otherwise offer rights on a model that
no longer exists. Migrating back recreates the table; Django recreates the content type
and its permissions after that migrate, and the roles of a release that still has the
model get them back (accounts/roles.py, setup_roles, run after every migrate).
"""

from django.db import migrations


def forget_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="news", model="articleimage").delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0021_article_images_to_library"),
    ]

    operations = [
        migrations.DeleteModel(
            name="ArticleImage",
        ),
        migrations.RunPython(forget_content_type, migrations.RunPython.noop),
    ]
