"""Score cards keep their node scores in a small column of their own, filled here from the
stored cards, so the dashboard, queues and rankings aggregate in SQL without reading cards."""

from django.db import migrations, models

BATCH = 500


def fill_node_scores(apps, schema_editor):
    ScoreCard = apps.get_model("surveys", "ScoreCard")
    batch = []
    for card in ScoreCard.objects.only("pk", "card").iterator(chunk_size=BATCH):
        nodes = (card.card or {}).get("nodes") or {}
        card.node_scores = {code: node.get("score") for code, node in nodes.items()}
        batch.append(card)
        if len(batch) == BATCH:
            ScoreCard.objects.bulk_update(batch, ["node_scores"])
            batch = []
    ScoreCard.objects.bulk_update(batch, ["node_scores"])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0008_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="scorecard",
            name="node_scores",
            field=models.JSONField(blank=True, default=dict, verbose_name="node scores"),
        ),
        migrations.RunPython(fill_node_scores, migrations.RunPython.noop, elidable=True),
    ]
