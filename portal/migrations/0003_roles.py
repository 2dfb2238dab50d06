"""The editorial roles (Phóng viên, Biên tập viên, Người duyệt bài, Quản trị) as groups."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts.roles import create_all_permissions, setup_roles

    create_all_permissions(apps, using=schema_editor.connection.alias)
    setup_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("news", "0002_directive_is_key"),
        ("organizations", "0002_membership"),
        ("portal", "0002_audit_event"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
