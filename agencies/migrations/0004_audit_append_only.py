"""PostgreSQL refuses UPDATE and DELETE of audit rows, whoever asks.

TRUNCATE is refused since 0007 (outside the test suite's flush); the application's role should
not own the table in production either.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION agencies_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER agencies_auditevent_no_change
    BEFORE UPDATE OR DELETE ON agencies_auditevent
    FOR EACH ROW EXECUTE FUNCTION agencies_audit_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS agencies_auditevent_no_change ON agencies_auditevent;
DROP FUNCTION IF EXISTS agencies_audit_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_audit_log")]
    operations = [migrations.RunPython(forward, backward)]
