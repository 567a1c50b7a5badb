"""surveys 0006: a cycle of one questionnaire keeps it for every target group."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("surveys", "0005_export_started_at")]
AFTER = [("surveys", "0006_cycle_questionnaire_per_group")]


@pytest.mark.django_db(transaction=True)
def test_an_existing_cycle_keeps_its_questionnaire_for_every_kind():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    questionnaire = old.get_model("surveys", "Questionnaire").objects.create(
        code="dg-readiness-2565", year=2565, title_th="แบบสำรวจ", definition={}, checksum="x"
    )
    cycle = old.get_model("surveys", "Cycle").objects.create(
        year=2565, questionnaire=questionnaire, opens_on="2022-05-02", closes_on="2022-06-30"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    groups = new.get_model("surveys", "CycleQuestionnaire").objects.filter(cycle_id=cycle.pk)
    assert sorted(groups.values_list("group", "questionnaire_id")) == [
        ("department", questionnaire.pk),
        ("other", questionnaire.pk),
        ("pcio", questionnaire.pk),
        ("regional", questionnaire.pk),
    ]
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
