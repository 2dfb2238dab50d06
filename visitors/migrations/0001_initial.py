"""The dailyvisit model(s) move here from the portal app with their tables
(portal_*): the state moves, the database is not touched."""

from django.db import migrations, models

MODELS = ['dailyvisit']


def content_types_follow(apps, schema_editor):
    """The models' content types (which permissions, the admin's log and the roles point
    to) move with them from the portal app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label="portal", model=model).exists():
            ContentType.objects.filter(app_label="visitors", model=model).delete()
            ContentType.objects.filter(app_label="portal", model=model).update(app_label="visitors")


def content_types_go_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="visitors", model__in=MODELS).update(app_label="portal")


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
                name='DailyVisit',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('date', models.DateField(unique=True, verbose_name='ngày')),
                    ('count', models.PositiveBigIntegerField(default=0, verbose_name='lượt truy cập')),
                    ('page_views', models.PositiveBigIntegerField(default=0, verbose_name='lượt xem trang')),
                ],
                options={
                    'verbose_name': 'lượt truy cập trong ngày',
                    'verbose_name_plural': 'lượt truy cập theo ngày',
                    'db_table': 'portal_dailyvisit',
                    'ordering': ['-date'],
                },
            ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_go_back),
    ]
