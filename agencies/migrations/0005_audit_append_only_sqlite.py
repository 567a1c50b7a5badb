"""SQLite refuses UPDATE of audit rows, as PostgreSQL does since 0004.

DELETE stays with the application there (AuditEventQuerySet): SQLite has no TRUNCATE, so
Django's flush (tests, `manage.py flush`) wipes tables with DELETE, which a trigger would stop.
"""

from django.db import migrations

FORWARD = """
CREATE TRIGGER IF NOT EXISTS agencies_auditevent_no_update BEFORE UPDATE ON agencies_auditevent
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
"""
BACKWARD = "DROP TRIGGER IF EXISTS agencies_auditevent_no_update"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0004_audit_append_only")]
    operations = [migrations.RunPython(forward, backward)]
