"""The scoring engine (docs/contract.md#scoring), one semantic rule per test."""

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.domain.definition_parser import parse_definition
from surveys.domain.scoring import EVIDENCE_PRESENT, EVIDENCE_REJECTED, Adjustment, score_response
from tests.factories import small_definition


def definition_with(*questions, bands=None):
    data = {
        "code": "t",
        "title": {"th": "ท", "en": "T"},
        "bands": bands or [{"code": "any", "min": 0.0, "label": {"th": "ใด", "en": "Any"}}],
        "pillars": [{"code": "P", "title": {"th": "ส", "en": "P"}, "questions": list(questions)}],
    }
    return parse_definition(data)


def q(code, qtype, **extra):
    return {"code": code, "type": qtype, "text": {"th": "คำถาม", "en": "Q"}, **extra}


CHOICES = [
    {"code": "a", "label": {"th": "ก"}, "points": 0},
    {"code": "b", "label": {"th": "ข"}, "points": 1},
    {"code": "c", "label": {"th": "ค"}, "points": 4},
    {"code": "na", "label": {"th": "ไม่เกี่ยว"}, "na": True},
]


def test_single_choice_scores_points_over_the_best_choice():
    card = score_response(definition_with(q("Q1", "single_choice", choices=CHOICES)), {"Q1": "b"})
    assert card.questions["Q1"].score == pytest.approx(0.25)
    assert card.questions["Q1"].detail == {"choice": "b", "points": 1, "max": 4}


def test_a_choice_marked_na_leaves_the_denominator():
    d = definition_with(q("Q1", "single_choice", choices=CHOICES), q("Q2", "yes_no"))
    card = score_response(d, {"Q1": "na", "Q2": "yes"})
    assert card.questions["Q1"].score is None
    assert card.total == 1.0


def test_multi_choice_sums_points_over_all_positive_points_capped_at_one():
    choices = [{"code": x, "label": {"th": x}, "points": p} for x, p in [("a", 1), ("b", 2), ("z", 0)]]
    d = definition_with(q("Q1", "multi_choice", choices=choices))
    assert score_response(d, {"Q1": ["b", "z"]}).questions["Q1"].score == pytest.approx(2 / 3)
    assert score_response(d, {"Q1": ["a", "b"]}).questions["Q1"].score == 1.0


def test_yes_no_scores_one_for_yes_and_zero_for_no():
    d = definition_with(q("Q1", "yes_no"))
    assert score_response(d, {"Q1": "yes"}).total == 1.0
    assert score_response(d, {"Q1": "no"}).total == 0.0


def test_linear_number_clamps_to_the_bounds():
    d = definition_with(q("Q1", "number", scoring={"linear": {"min": 10, "max": 20}}))
    assert score_response(d, {"Q1": 15}).total == 0.5
    assert score_response(d, {"Q1": 99}).total == 1.0
    assert score_response(d, {"Q1": 3}).total == 0.0


def test_banded_number_takes_the_highest_band_reached():
    bands = [{"min": 0, "points": 0}, {"min": 5, "points": 1}, {"min": 10, "points": 2}]
    d = definition_with(q("Q1", "number", scoring={"bands": bands}))
    assert score_response(d, {"Q1": 7}).total == 0.5
    assert score_response(d, {"Q1": 10}).questions["Q1"].detail["band_min"] == 10


def test_an_unanswered_applicable_question_scores_zero():
    d = definition_with(q("Q1", "yes_no"), q("Q2", "yes_no"))
    card = score_response(d, {"Q1": "yes"})
    assert card.questions["Q2"].reason == "unanswered"
    assert card.total == 0.5


def test_a_hidden_question_never_counts():
    d = definition_with(q("Q1", "yes_no"), q("Q2", "yes_no", visible_if={"question": "Q1", "equals": "yes"}))
    card = score_response(d, {"Q1": "no", "Q2": "yes"})
    assert card.questions["Q2"].reason == "hidden"
    assert card.total == 0.0


def test_points_need_evidence_when_the_question_requires_it():
    d = definition_with(q("Q1", "yes_no", evidence="required_for_points"))
    assert score_response(d, {"Q1": "yes"}).questions["Q1"].reason == "evidence_missing"
    assert score_response(d, {"Q1": "yes"}, {"Q1": EVIDENCE_REJECTED}).total == 0.0
    assert score_response(d, {"Q1": "yes"}, {"Q1": EVIDENCE_PRESENT}).total == 1.0


def test_an_adjustment_replaces_the_score_and_says_who_and_why():
    d = definition_with(q("Q1", "yes_no"))
    card = score_response(d, {"Q1": "yes"}, adjustments={"Q1": Adjustment(0.3, "no proof", "dana")})
    result = card.questions["Q1"]
    assert (result.score, result.reason, result.detail["by"], result.detail["was"]) == (
        0.3,
        "adjusted",
        "dana",
        1.0,
    )


def test_weighted_means_roll_up_and_weight_zero_pillars_stay_out_of_the_total():
    card = score_response(parse_definition(small_definition()), {"P1.1": "approved", "P1.2": "no", "P3.1": 5})
    assert card.nodes["P1"].score == 0.5
    assert card.nodes["P3"].score == 0.5
    assert card.nodes["G"].score is None
    assert card.total == 0.5
    assert card.band == "low"


def test_the_band_is_the_highest_whose_min_the_total_reaches():
    card = score_response(
        parse_definition(small_definition()), {"P1.1": "approved", "P1.2": "yes", "P3.1": 5}
    )
    assert card.total == 0.75
    assert card.band == "high"


def test_a_score_card_survives_a_round_trip_through_json():
    from surveys.domain.scoring import ScoreCard

    card = score_response(parse_definition(small_definition()), {"P1.1": "draft"})
    assert ScoreCard.from_dict(card.to_dict()) == card


answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "P1.1": st.sampled_from(["none", "draft", "approved"]),
        "P1.2": st.sampled_from(["yes", "no"]),
        "P3.1": st.integers(min_value=0, max_value=1000),
    },
)


@given(answers_strategy)
def test_every_score_is_a_fraction(answers):
    card = score_response(parse_definition(small_definition()), answers)
    scores = [n.score for n in card.nodes.values()] + [r.score for r in card.questions.values()]
    assert all(0.0 <= s <= 1.0 for s in scores if s is not None)


@given(answers_strategy, st.integers(min_value=1, max_value=50))
def test_scaling_every_weight_changes_nothing(answers, factor):
    data = small_definition()
    for pillar in data["pillars"]:
        pillar["weight"] = pillar.get("weight", 1) * factor
    plain = score_response(parse_definition(small_definition()), answers).total
    scaled = score_response(parse_definition(data), answers).total
    assert scaled == pytest.approx(plain)


@given(answers_strategy)
def test_the_order_of_answers_is_irrelevant(answers):
    d = parse_definition(small_definition())
    reversed_answers = dict(reversed(list(answers.items())))
    assert score_response(d, answers) == score_response(d, reversed_answers)


def test_a_multi_choice_with_an_unknown_code_is_reported_invalid():
    choices = [{"code": x, "label": {"th": x}, "points": 1} for x in ("a", "b")]
    card = score_response(definition_with(q("Q1", "multi_choice", choices=choices)), {"Q1": ["a", "zz"]})
    assert (card.questions["Q1"].score, card.questions["Q1"].reason) == (0.0, "invalid")


def test_a_node_with_no_applicable_child_says_so():
    d = definition_with(q("Q1", "single_choice", choices=CHOICES))
    card = score_response(d, {"Q1": "na"})
    assert (card.nodes["P"].score, card.nodes["P"].reason, card.total, card.band) == (
        None,
        "not_applicable",
        None,
        None,
    )


def test_an_adjustment_of_a_hidden_question_does_not_bring_it_back():
    d = definition_with(q("Q1", "yes_no"), q("Q2", "yes_no", visible_if={"question": "Q1", "equals": "yes"}))
    card = score_response(d, {"Q1": "no"}, adjustments={"Q2": Adjustment(1.0, "typo", "dana")})
    assert (card.questions["Q2"].reason, card.total) == ("hidden", 0.0)


def test_rejected_evidence_keeps_what_the_answer_would_have_earned():
    d = definition_with(q("Q1", "single_choice", choices=CHOICES, evidence="required_for_points"))
    result = score_response(d, {"Q1": "c"}, {"Q1": EVIDENCE_REJECTED}).questions["Q1"]
    assert (result.score, result.reason, result.detail["would_be"], result.detail["choice"]) == (
        0.0,
        "evidence_rejected",
        1.0,
        "c",
    )


# --- Invariants over generated definitions -----------------------------------------------------

# Generating whole definitions is slower than hypothesis expects of a strategy; the machine is shared.
generated = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
weights = st.one_of(
    st.just(0), st.integers(min_value=1, max_value=10), st.floats(min_value=0.01, max_value=5)
)


@st.composite
def question_data(draw, code, earlier):
    """One question of any type, maybe shown only for an answer to an earlier question."""
    qtype = draw(st.sampled_from(["single_choice", "multi_choice", "yes_no", "number", "text"]))
    data = q(code, qtype, weight=draw(weights))
    if qtype in ("single_choice", "multi_choice"):
        n = draw(st.integers(min_value=1, max_value=5))
        points = draw(st.lists(st.integers(min_value=0, max_value=5), min_size=n, max_size=n))
        data["choices"] = [
            {"code": f"c{i}", "label": {"th": f"ข{i}"}, "points": p} for i, p in enumerate(points)
        ]
        if draw(st.booleans()):
            data["choices"].append({"code": "na", "label": {"th": "ไม่เกี่ยว"}, "na": True})
    elif qtype == "number":
        if draw(st.booleans()):
            low = draw(st.integers(min_value=-10, max_value=10))
            data["scoring"] = {
                "linear": {"min": low, "max": low + draw(st.integers(min_value=1, max_value=50))}
            }
        else:
            mins = sorted(draw(st.sets(st.integers(min_value=0, max_value=100), min_size=1, max_size=4)))
            pts = [draw(st.integers(min_value=0, max_value=5)) for _ in mins]
            pts[-1] = max(pts[-1], 1)
            data["scoring"] = {"bands": [{"min": m, "points": p} for m, p in zip(mins, pts, strict=True)]}
    if earlier and draw(st.booleans()):
        data["visible_if"] = {"question": draw(st.sampled_from(earlier)), "in": ["yes", "c0", "c1"]}
    data["evidence"] = draw(st.sampled_from(["none", "required_for_points"]))
    return data


@st.composite
def definitions(draw):
    """Definition data: 1–4 pillars, each with questions or 1–3 indicators of questions."""
    counter = iter(range(1000))
    yes_no_or_choice: list[str] = []  # questions a condition may point at
    pillars = []

    def questions():
        result = []
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            data = draw(question_data(f"Q{next(counter)}", list(yes_no_or_choice)))
            if data.get("visible_if"):
                source = data["visible_if"]["question"]
                data["visible_if"]["in"] = list(source_values[source])
            result.append(data)
            if data["type"] in ("yes_no", "single_choice", "multi_choice"):
                yes_no_or_choice.append(data["code"])
                source_values[data["code"]] = (
                    ["yes"] if data["type"] == "yes_no" else [c["code"] for c in data["choices"]][:1]
                )
        return result

    source_values: dict[str, list[str]] = {}
    for p in range(draw(st.integers(min_value=1, max_value=4))):
        pillar = {"code": f"P{p}", "title": {"th": "เสา"}, "weight": draw(weights)}
        if draw(st.booleans()):
            pillar["questions"] = questions()
        else:
            pillar["indicators"] = [
                {
                    "code": f"P{p}.{i}",
                    "title": {"th": "ตัวชี้วัด"},
                    "weight": draw(weights),
                    "questions": questions(),
                }
                for i in range(draw(st.integers(min_value=1, max_value=3)))
            ]
        pillars.append(pillar)
    bands = [
        {"code": "high", "min": 0.6, "label": {"th": "สูง"}},
        {"code": "low", "min": 0.0, "label": {"th": "ต่ำ"}},
    ]
    return {"code": "gen", "title": {"th": "สร้าง"}, "bands": bands, "pillars": pillars}


def answer_for(draw, question):
    if question.type == "yes_no":
        return draw(st.sampled_from(["yes", "no"]))
    if question.type == "single_choice":
        return draw(st.sampled_from([c.code for c in question.choices]))
    if question.type == "multi_choice":
        codes = [c.code for c in question.choices]
        return draw(st.lists(st.sampled_from(codes), min_size=1, max_size=len(codes), unique=True))
    if question.type == "number":
        return draw(st.one_of(st.integers(-50, 200), st.floats(-50, 200, allow_nan=False)))
    return draw(st.text(max_size=5))


@st.composite
def cases(draw):
    """A generated definition, answers to some of its questions, and evidence for some."""
    data = draw(definitions())
    definition = parse_definition(data)
    answers, evidence = {}, {}
    for question in definition.iter_questions():
        if draw(st.integers(0, 4)):  # most questions answered, some not
            answers[question.code] = answer_for(draw, question)
        evidence[question.code] = draw(st.sampled_from([EVIDENCE_PRESENT, EVIDENCE_REJECTED, "none"]))
    return data, definition, answers, evidence


def all_scores(card):
    return [card.total] + [n.score for n in card.nodes.values()] + [r.score for r in card.questions.values()]


@given(cases())
@generated
def test_every_score_of_a_generated_definition_is_a_fraction(case):
    _, definition, answers, evidence = case
    card = score_response(definition, answers, evidence)
    assert all(0.0 <= s <= 1.0 for s in all_scores(card) if s is not None)


@given(cases(), st.sampled_from([2, 3, 7, 0.5, 1000]))
@generated
def test_scaling_every_weight_of_a_generated_definition_changes_no_score(case, factor):
    data, definition, answers, evidence = case
    scaled = copy.deepcopy(data)
    for pillar in scaled["pillars"]:
        for node in [pillar, *pillar.get("indicators", [])]:
            node["weight"] = node["weight"] * factor
            for question in node.get("questions", []):
                question["weight"] = question["weight"] * factor
    plain_card = score_response(definition, answers, evidence)
    scaled_card = score_response(parse_definition(scaled), answers, evidence)
    assert scaled_card.band == plain_card.band
    for plain, other in zip(all_scores(plain_card), all_scores(scaled_card), strict=True):
        assert (plain is None and other is None) or other == pytest.approx(plain, rel=1e-9, abs=1e-12)


@given(cases(), st.data())
@generated
def test_the_answer_to_a_hidden_question_never_counts(case, data):
    _, definition, answers, evidence = case
    card = score_response(definition, answers, evidence)
    hidden = [c for c, r in card.questions.items() if r.reason == "hidden"]
    for code in hidden:
        assert card.questions[code].score is None
        changed = {**answers, code: answer_for(data.draw, definition.questions_by_code[code])}
        changed_card = score_response(definition, changed, evidence)
        # its answer may reveal nothing: questions hidden by it stay hidden (a hidden question has no answer)
        assert changed_card.total == card.total


@given(cases(), st.randoms())
@generated
def test_the_order_of_answers_of_a_generated_definition_is_irrelevant(case, rnd):
    _, definition, answers, evidence = case
    items = list(answers.items())
    rnd.shuffle(items)
    assert score_response(definition, dict(items), evidence) == score_response(definition, answers, evidence)


@given(cases())
@generated
def test_every_question_of_a_generated_definition_has_a_reason(case):
    _, definition, answers, evidence = case
    card = score_response(definition, answers, evidence)
    assert set(card.questions) == set(definition.questions_by_code)
    assert all(r.reason for r in card.questions.values())
    assert all(
        r.reason in ("not_scored", "hidden", "not_applicable")
        for r in card.questions.values()
        if r.score is None
    )
