"""The review queue sorted by submission date reads a page of a cycle's responses in index order
instead of sorting all of them: oldest first (both databases), and newest first with empty dates
last, which PostgreSQL keeps apart (a descending index puts NULLs first there; SQLite cannot say
NULLS LAST in an index, and its descending order already puts NULLs last)."""

from django.db import migrations, models

FORWARD = (
    "CREATE INDEX response_cycle_submitted_desc ON surveys_response (cycle_id, submitted_at DESC NULLS LAST)"
)
BACKWARD = "DROP INDEX IF EXISTS response_cycle_submitted_desc"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0010_merge_receipts_workbench_node_scores")]

    operations = [
        migrations.AddIndex(
            model_name="response",
            index=models.Index(fields=["cycle", "submitted_at"], name="response_cycle_submitted"),
        ),
        migrations.RunPython(forward, backward),
    ]
