"""Eligibility: every failed rule named, with the numbers that failed it. Pure."""

from awards.domain.eligibility import Facts, Rules, ineligibility
from awards.domain.ranking import Reason

RULES = Rules(kinds=("department", "regional"), min_total=0.5, min_pillars={"P3": 0.6})


def facts(**kw) -> Facts:
    base = {"agency": "A", "kind": "department", "status": "accepted", "total": 0.7, "nodes": {"P3": 0.8}}
    return Facts(**{**base, **kw})


def test_an_agency_meeting_every_rule_is_eligible():
    assert ineligibility(RULES, facts()) == ()


def test_another_kind_is_named():
    assert ineligibility(RULES, facts(kind="pcio")) == (
        Reason("kind", {"kind": "pcio", "allowed": ["department", "regional"]}),
    )


def test_only_accepted_responses_count_unless_the_category_says_otherwise():
    assert ineligibility(RULES, facts(status="submitted"))[0].code == "status"
    lenient = Rules(statuses=("submitted", "accepted"))
    assert ineligibility(lenient, facts(status="submitted")) == ()


def test_a_total_below_the_minimum_is_named_with_both_numbers():
    assert ineligibility(RULES, facts(total=0.4)) == (Reason("min_total", {"score": 0.4, "min": 0.5}),)


def test_a_pillar_below_its_minimum_is_named():
    assert ineligibility(RULES, facts(nodes={"P3": 0.59})) == (
        Reason("min_pillar", {"pillar": "P3", "score": 0.59, "min": 0.6}),
    )


def test_a_pillar_not_applicable_fails_its_minimum():
    assert ineligibility(RULES, facts(nodes={}))[0].detail["score"] is None


def test_every_failed_rule_is_listed_at_once():
    found = ineligibility(RULES, facts(kind="pcio", status="draft", total=0.1, nodes={"P3": 0.1}))
    assert [r.code for r in found] == ["kind", "status", "min_total", "min_pillar"]
