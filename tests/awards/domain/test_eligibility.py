"""Eligibility: every failed rule named, with the numbers that failed it. Pure."""

from awards.domain.eligibility import Facts, Judge, Rules, ineligibility
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


def test_a_judge_finds_what_ineligibility_finds():
    judge = Judge(RULES)
    for kw in (
        {},
        {"kind": "pcio", "status": "draft", "total": 0.1, "nodes": {"P3": 0.1}},
        {"status": None, "total": None, "nodes": {}},
        {"total": 0.4},
        {"nodes": {"P3": 0.59}},
    ):
        assert judge(facts(**kw)) == ineligibility(RULES, facts(**kw))


def test_a_judge_makes_each_failure_once_for_every_agency_that_shares_it():
    judge = Judge(RULES)
    one, other = judge(facts(agency="A", status="submitted")), judge(facts(agency="B", status="submitted"))
    assert one[0] is other[0]
    assert judge(facts(status="draft"))[0].detail["status"] == "draft"


def test_a_judge_keeps_apart_scores_that_are_equal_but_print_apart():
    judge = Judge(Rules(min_total=0.5, min_pillars={"P3": 0.6}))
    found = [judge(facts(total=t, nodes={"P3": t})) for t in (0.0, -0.0, 0, 1 / 3)]
    assert [repr(r[0].detail["score"]) for r in found] == ["0.0", "-0.0", "0", repr(1 / 3)]
    assert [repr(r[1].detail["score"]) for r in found] == ["0.0", "-0.0", "0", repr(1 / 3)]
    assert judge(facts(total=0.25))[0].detail["score"] == 0.25
    assert judge(facts(total=0.25, nodes={"P3": 0.25}))[1].detail == {
        "pillar": "P3",
        "score": 0.25,
        "min": 0.6,
    }
