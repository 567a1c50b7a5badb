"""The form's budgets (docs/contract.md#performance-budget): a 30-question pillar page ≤ 50 ms
median server time; one autosave ≤ 30 ms median and ≥ 150 per second sustained. Measured
through Django's whole request stack (middleware, session, templates) on PostgreSQL, without a
network."""

import multiprocessing
import time

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from agencies.models import MembershipRole
from surveys.services.answers import answers_save
from tests.factories import (
    CycleFactory,
    MembershipFactory,
    QuestionnaireFactory,
    ResponseFactory,
    wide_definition,
)

PAGE_BUDGET_S = 0.050
AUTOSAVE_BUDGET_S = 0.030
AUTOSAVES_PER_SECOND = 150


@pytest.fixture
def officer_client(db):
    membership = MembershipFactory(role=MembershipRole.OFFICER)
    cycle = CycleFactory(questionnaire=QuestionnaireFactory(definition=wide_definition(30, "bench-30")))
    response = ResponseFactory(cycle=cycle, agency=membership.agency)
    values = {f"W.{i}": ("b" if i % 5 in (1, 4) else None) for i in range(1, 31)}
    answers_save(response=response, values={k: v for k, v in values.items() if v}, by=membership.user)
    client = Client()
    client.force_login(membership.user)
    return client, response


def test_pillar_page_of_30_questions(benchmark, officer_client):
    client, response = officer_client
    path = reverse("surveys:pillar", args=[response.public_id, "W"])
    assert client.get(path).status_code == 200
    reply = benchmark.pedantic(client.get, args=(path,), rounds=60, warmup_rounds=3)
    assert reply.status_code == 200
    assert benchmark.stats.stats.median <= PAGE_BUDGET_S


def _saver(client, response):
    path = reverse("surveys:autosave", args=[response.public_id, "W.2"])
    state = {"version": 0, "n": 0}

    def save():
        state["n"] += 1
        reply = client.post(
            path,
            {"W.2": "yes" if state["n"] % 2 else "no", "version": state["version"]},
            HTTP_HX_REQUEST="true",
        )
        assert reply.status_code == 200
        state["version"] += 1

    return save


def test_one_autosave(benchmark, officer_client):
    save = _saver(*officer_client)
    benchmark.pedantic(save, rounds=100, warmup_rounds=3)
    assert benchmark.stats.stats.median <= AUTOSAVE_BUDGET_S


def _worker(user_id: int, public_id: str, code: str, count: int, results) -> None:
    """One server process's share of the load: its own connection, its own session."""
    from django.db import connections

    from agencies.models import User

    connections.close_all()  # never share the parent's socket
    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    path = reverse("surveys:autosave", args=[public_id, code])
    started = time.perf_counter()
    for n in range(count):
        reply = client.post(path, {code: "yes" if n % 2 else "no", "version": n}, HTTP_HX_REQUEST="true")
        assert reply.status_code == 200, reply.status_code
    results.put(time.perf_counter() - started)
    connections.close_all()


def _sustained(responses: list, count: int = 300) -> float:
    """Two processes (a server's two workers on two cores) save answers without pause, one
    response each (or both on one): answers per second over the whole run."""
    context = multiprocessing.get_context("fork")
    connections.close_all()
    results = context.Queue()
    workers = [
        context.Process(target=_worker, args=(user_id, public_id, code, count, results))
        for (user_id, public_id), code in zip(responses, ("W.2", "W.7"), strict=True)
    ]
    for worker in workers:
        worker.start()
    elapsed = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join()
    return count * len(workers) / max(elapsed)


def _officer_response(cycle) -> tuple[int, str]:
    membership = MembershipFactory(role=MembershipRole.OFFICER)
    response = ResponseFactory(cycle=cycle, agency=membership.agency)
    return membership.user_id, str(response.public_id)


@pytest.mark.django_db(transaction=True)
def test_autosaves_sustained(benchmark):
    """Deadline day: officers of different agencies save at once (docs/contract.md#performance-budget)."""
    cycle = CycleFactory(questionnaire=QuestionnaireFactory(definition=wide_definition(30, "bench-30")))
    pairs = [_officer_response(cycle), _officer_response(cycle)]
    rates = []
    benchmark.pedantic(lambda: rates.append(_sustained(pairs)), rounds=1)
    benchmark.extra_info["autosaves_per_second"] = round(rates[0], 1)
    print(f"\nsustained, two agencies: {rates[0]:.0f} autosaves/s")
    assert rates[0] >= AUTOSAVES_PER_SECOND


@pytest.mark.django_db(transaction=True)
def test_autosaves_sustained_on_one_response(benchmark):
    """Two officers of one agency saving at once: each save holds the response's row lock (so a
    status change cannot slip in between), so these saves queue behind each other. Reported, not
    held to the budget, which is about many agencies at once."""
    cycle = CycleFactory(questionnaire=QuestionnaireFactory(definition=wide_definition(30, "bench-30")))
    pair = _officer_response(cycle)
    rates = []
    benchmark.pedantic(lambda: rates.append(_sustained([pair, pair])), rounds=1)
    benchmark.extra_info["autosaves_per_second"] = round(rates[0], 1)
    print(f"\nsustained, one response: {rates[0]:.0f} autosaves/s")
