"""An award entry explains each question with the words of the agency's own score card."""

from django.utils import translation

from awards.explain import card_rows
from surveys.domain.definition_parser import parse_definition
from surveys.domain.scoring import score_response
from surveys.explain import card_lines
from tests.factories import small_definition


def _questions(lines):
    for line in lines:
        yield from line.questions
        yield from _questions(line.indicators)


def test_every_question_row_gives_the_score_cards_reason():
    definition = parse_definition(small_definition())
    card = score_response(definition, {"P1.1": "draft", "P1.2": "yes"})
    with translation.override("en"):
        survey_words = {q.code: q.reason for q in _questions(card_lines(definition, card, "en"))}
        rows = card_rows(definition, card.to_dict(), "en")
    award_words = {r.code: r.why for r in rows if r.level == "question"}
    assert award_words == {code: survey_words[code] for code in award_words}
    assert award_words["P1.1"] == "Chose “Draft”: 1 of 2 points."


def test_a_question_left_out_of_scoring_gets_no_row():
    definition = parse_definition(small_definition())
    card = score_response(definition, {})
    rows = card_rows(definition, card.to_dict(), "en")
    assert "G.1" not in {r.code for r in rows}  # text: not scored


def test_reasons_name_kinds_statuses_and_earlier_questionnaires_in_words(db):
    from awards.reasons import describe

    with translation.override("en"):
        assert "Provincial CIO committee" in describe({"code": "kind", "kind": "pcio"})
        status = describe({"code": "status", "status": "under_review", "allowed": ["accepted"]})
        assert "Under review" in status and "under_review" not in status
        titles = {"dg-readiness-2565": "Readiness survey 2565"}
        missing = {"code": "no_previous", "compare_to": "dg-readiness-2565"}
        assert "Readiness survey 2565" in describe(missing, titles)
