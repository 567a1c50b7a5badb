"""Hostile numbers: huge exponents and lengths cost little CPU, and nobody who may not write makes
the portal parse anything."""

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django import forms
from django.urls import reverse

from surveys.domain.definition import QUESTION_TYPES
from surveys.forms import AnswerForm
from surveys.models import Response, ResponseStatus
from surveys.services.questionnaires import checksum
from tests.factories import QuestionnaireFactory, ResponseFactory, small_definition

HTMX = {"HTTP_HX_REQUEST": "true"}
HOSTILE = [
    "1e1000000",
    "-1e1000000",
    "1e-1000000",
    "9" * 100_000,
    "1" + "0" * 5000 + ".5",
    "0." + "0" * 100_000 + "1",
    "1e309",
    "1E+999999999999999999",
    "-0e-999999999",
    "١٢٣",  # Arabic-Indic digits
    "NaN",
    "Infinity",
    "1" * 40,
]


def _number_types() -> list[str]:
    """Every question type whose answer the form reads as a number."""
    found = []
    for kind in QUESTION_TYPES:
        if kind == "file":
            continue
        question = {"code": "X.1", "type": kind, "text": {"th": "x", "en": "x"}}
        if kind in ("single_choice", "multi_choice"):
            question["choices"] = [{"code": "a", "label": {"th": "ก", "en": "A"}}]
        from surveys.domain.definition_parser import parse_definition

        definition = small_definition()
        definition["pillars"][0]["questions"] = [question]
        parsed = parse_definition(definition)
        field = AnswerForm(question=parsed.questions_by_code["X.1"]).fields["X.1"]
        if isinstance(field, (forms.IntegerField, forms.FloatField, forms.DecimalField)):
            found.append(kind)
    return found


# each number type bare, bounded below, bounded both ways, and scored
VARIANTS = [
    {},
    {"min": 0},
    {"min": 0, "max": 100},
    {"scoring": {"linear": {"min": 0, "max": 10}}},
    {"min": 0, "scoring": {"bands": [{"min": 0, "points": 0}, {"min": 5, "points": 1}]}},
]


def _questions() -> list[dict]:
    return [
        {"code": f"N.{i}", "type": kind, "text": {"th": "จำนวน", "en": "How many"}, **extra}
        for i, (kind, extra) in enumerate(((k, v) for k in _number_types() for v in VARIANTS), start=1)
    ]


@pytest.fixture
def number_response(agency_a, cycle):
    definition = small_definition(code="numbers-2566")
    definition["pillars"][1]["questions"] += _questions()
    questionnaire = QuestionnaireFactory(
        code="numbers-2566", definition=definition, checksum=checksum(definition)
    )
    cycle.questionnaire = questionnaire
    cycle.save()
    return ResponseFactory(cycle=cycle, agency=agency_a)


def _post(client, response, code, value):
    path = reverse("surveys:autosave", args=[response.public_id, code])
    return client.post(path, {code: value, "version": 0}, **HTMX)


def test_the_number_types_are_found():
    assert _number_types() == ["number"]


@contextmanager
def _without_collector() -> Iterator[None]:
    """The collector's full passes are the process's cost, not the value's: after a thousand tests
    one pass took 0.42 s of CPU inside a 6 ms request, so the count leaves them out."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_number_is_refused_or_stored_within_50_ms_of_cpu(client, alice, number_response, value):
    client.force_login(alice)
    _post(client, number_response, "G.1", "warm-up")  # templates compiled, caches filled
    for question in _questions():
        with _without_collector():
            started = time.process_time()
            page = _post(client, number_response, question["code"], value)
            spent = time.process_time() - started
        assert page.status_code in (200, 422), (question, page.status_code)
        assert spent < 0.05, (question, value[:20], spent)


def _refuse_parsing(monkeypatch):
    def parse(*args, **kwargs):
        raise AssertionError("the value was parsed")

    monkeypatch.setattr(AnswerForm, "is_valid", parse)


@pytest.mark.parametrize("value", ["1e1000000", "9" * 100_000])
def test_an_evaluator_posting_to_an_accepted_response_is_refused_before_any_parsing(
    client, erin, number_response, value, monkeypatch
):
    Response.objects.filter(pk=number_response.pk).update(status=ResponseStatus.ACCEPTED)
    _refuse_parsing(monkeypatch)
    client.force_login(erin)
    assert _post(client, number_response, "N.1", value).status_code in (403, 404)


def test_an_accepted_response_refuses_its_officer_a_number_before_parsing_it(
    client, alice, number_response, monkeypatch
):
    Response.objects.filter(pk=number_response.pk).update(status=ResponseStatus.ACCEPTED)
    _refuse_parsing(monkeypatch)
    client.force_login(alice)
    assert _post(client, number_response, "N.1", "1e1000000").status_code == 423


def test_a_number_within_bounds_is_stored_as_typed(client, alice, number_response):
    client.force_login(alice)
    _post(client, number_response, "N.1", "123456789012.5")
    _post(client, number_response, "N.2", "42")
    values = {a.question_code: a.value for a in number_response.answers.all()}
    assert values == {"N.1": 123456789012.5, "N.2": 42}
