"""Menus, static pages, contact messages, daily visits and the audit log now belong to
the pages, visitors and audit apps (their 0001 migrations): the portal app forgets them,
the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0006_auditevent_password_change'),
        ('pages', '0001_initial'),
        ('visitors', '0001_initial'),
        ('audit', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[

                migrations.RemoveIndex(
                    model_name='auditevent',
                    name='audit_object_idx',
                ),
                migrations.DeleteModel(
                    name='ContactMessage',
                ),
                migrations.DeleteModel(
                    name='DailyVisit',
                ),
                migrations.RemoveField(
                    model_name='menuitem',
                    name='menu',
                ),
                migrations.RemoveField(
                    model_name='menuitem',
                    name='parent',
                ),
                migrations.DeleteModel(
                    name='StaticPage',
                ),
                migrations.RemoveField(
                    model_name='auditevent',
                    name='actor',
                ),
                migrations.DeleteModel(
                    name='Menu',
                ),
                migrations.DeleteModel(
                    name='MenuItem',
                ),
                migrations.DeleteModel(
                    name='AuditEvent',
                ),
            ],
        ),
    ]
