"""surveys 0006: a cycle of one questionnaire keeps it for every target group; 0009: node scores."""

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


@pytest.mark.django_db(transaction=True)
def test_existing_score_cards_get_their_node_scores_from_the_card():
    before, after = [("surveys", "0008_notifications")], [("surveys", "0009_score_card_node_scores")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    questionnaire = old.get_model("surveys", "Questionnaire").objects.create(
        code="dg-readiness-2565", year=2565, title_th="แบบสำรวจ", definition={}, checksum="x"
    )
    agency = old.get_model("agencies", "Agency").objects.create(code="A1", name_th="กรม")
    response = old.get_model("surveys", "Response").objects.create(agency=agency, questionnaire=questionnaire)
    nodes = {
        "P1": {"code": "P1", "score": 0.5, "weight": 1},
        "P2": {"code": "P2", "score": None, "weight": 0},
    }
    card = old.get_model("surveys", "ScoreCard").objects.create(
        response=response, questionnaire=questionnaire, total=0.5, card={"total": 0.5, "nodes": nodes}
    )
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    stored = new.get_model("surveys", "ScoreCard").objects.get(pk=card.pk)
    assert stored.node_scores == {"P1": 0.5, "P2": None}
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
