"""PostgreSQL refuses TRUNCATE of the audit log too (UPDATE and DELETE since 0004).

Django's test flush empties tables with TRUNCATE between transactional tests: the test settings
open their connections with `portal.allow_audit_truncate=on`, which only that flush relies on.
A production connection never sets it (and the application's role should not own the table).
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION agencies_audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('portal.allow_audit_truncate', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: TRUNCATE refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER agencies_auditevent_no_truncate
    BEFORE TRUNCATE ON agencies_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION agencies_audit_no_truncate();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS agencies_auditevent_no_truncate ON agencies_auditevent;
DROP FUNCTION IF EXISTS agencies_audit_no_truncate();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0006_user_email_normalised")]
    operations = [migrations.RunPython(forward, backward)]
