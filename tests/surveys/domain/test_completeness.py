"""The validation summary: a pure function over definition, answers and evidence."""

from common.bilingual import Text
from surveys.domain.completeness import (
    EVIDENCE_MISSING,
    EVIDENCE_REJECTED,
    FILE_MISSING,
    INVALID,
    UNANSWERED,
    allowed,
    blocking,
    evidence_states,
    response_problems,
    warnings,
)
from surveys.domain.definition import Question
from surveys.domain.definition_parser import parse_definition
from tests.factories import small_definition


def definition():
    data = small_definition()
    p1 = data["pillars"][1]["questions"]
    p1[0]["required"] = True
    p1[0]["evidence"] = "required_for_points"
    p1[1]["required"] = True
    p1[1]["visible_if"] = {"question": "P1.1", "in": ["draft", "approved"]}
    p1.append(
        {"code": "P1.3", "type": "file", "required": True, "text": {"th": "แนบแผน", "en": "Attach the plan"}}
    )
    return parse_definition(data)


def kinds(problems):
    return {(p.question.code, p.kind) for p in problems}


def test_a_required_question_left_empty_is_a_problem():
    assert (("P1.1", UNANSWERED)) in kinds(response_problems(definition(), {}, {}))


def test_a_hidden_required_question_is_not_a_problem():
    found = kinds(response_problems(definition(), {"P1.1": "none"}, {"P1.3": "present"}))
    assert found == set()


def test_a_required_question_shown_by_an_answer_becomes_a_problem():
    found = kinds(response_problems(definition(), {"P1.1": "none"}, {"P1.3": "present"}))
    assert ("P1.2", UNANSWERED) not in found
    found = kinds(response_problems(definition(), {"P1.1": "draft"}, {"P1.1": "present", "P1.3": "present"}))
    assert found == {("P1.2", UNANSWERED)}


def test_points_that_need_evidence_without_it_are_a_problem():
    found = kinds(response_problems(definition(), {"P1.1": "approved", "P1.2": "yes"}, {"P1.3": "present"}))
    assert found == {("P1.1", EVIDENCE_MISSING)}


def test_rejected_evidence_counts_as_none():
    evidence = {"P1.1": "rejected", "P1.3": "present"}
    found = kinds(response_problems(definition(), {"P1.1": "approved", "P1.2": "yes"}, evidence))
    assert found == {("P1.1", EVIDENCE_REJECTED)}


def test_a_required_file_question_needs_a_file():
    evidence = {"P1.1": "present"}
    found = kinds(response_problems(definition(), {"P1.1": "approved", "P1.2": "yes"}, evidence))
    assert found == {("P1.3", FILE_MISSING)}


def test_each_problem_names_its_pillar():
    problems = response_problems(definition(), {}, {})
    assert {p.pillar.code for p in problems} == {"P1"}


def test_evidence_is_present_unless_every_file_was_rejected():
    states = {"A": ["pending"], "B": ["rejected", "verified"], "C": ["rejected", "rejected"], "D": []}
    assert evidence_states(states) == {"A": "present", "B": "present", "C": "rejected"}


def test_missing_evidence_is_a_warning_not_a_block():
    problems = response_problems(definition(), {"P1.1": "approved", "P1.2": "yes"}, {"P1.3": "present"})
    assert [p.kind for p in warnings(problems)] == [EVIDENCE_MISSING] and blocking(problems) == []


def test_unanswered_and_missing_files_block():
    problems = response_problems(definition(), {}, {})
    assert {p.kind for p in blocking(problems)} == {UNANSWERED, FILE_MISSING}


def test_an_answer_the_definition_does_not_allow_blocks():
    problems = response_problems(definition(), {"P1.1": "perhaps", "P1.2": "yes"}, {"P1.3": "present"})
    assert kinds(blocking(problems)) == {("P1.1", INVALID)}


def test_a_number_outside_its_bounds_is_not_allowed():
    question = Question(code="N", type="number", text=Text("n", "n"), min=0, max=100)
    assert (allowed(question, 100), allowed(question, 150), allowed(question, "x")) == (True, False, False)
    assert not allowed(question, 10**400)  # stored before the bounds: no float holds it
