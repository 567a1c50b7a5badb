"""Every page of the journey, in Thai and in English, over a year with responses in every status,
score cards in every band, agencies of every kind and audit entries of every action: no raw
status, band, kind or audit code reaches a reader, no answer shows as a Python list, and a Thai
page writes no Gregorian year (issue 13). The code lists come from the models' choices, so the
check grows with them."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from agencies.models import AgencyKind, AuditEvent, MembershipRole
from awards.models import Category
from awards.services.imports import awards_import
from awards.services.publication import category_publish
from awards.services.ranking import awards_rank
from surveys.audit_words import ACTIONS
from surveys.models import Cycle, NotificationKind, Response, ResponseStatus
from surveys.services.notifications import notify
from tests.awards.conftest import TOTAL, awards_data
from tests.factories import (
    AgencyFactory,
    CycleFactory,
    MembershipFactory,
    QuestionnaireFactory,
    ResponseFactory,
    ScoreCardFactory,
    UserFactory,
    answers_create,
    small_definition,
)

BANDS = [
    {"code": "very_high", "min": 0.8, "label": {"th": "สูงมาก", "en": "Very high"}},
    {"code": "high", "min": 0.6, "label": {"th": "สูง", "en": "High"}},
    {"code": "medium", "min": 0.4, "label": {"th": "ปานกลาง", "en": "Medium"}},
    {"code": "low", "min": 0.0, "label": {"th": "ต่ำ", "en": "Low"}},
]
TOTALS = {"very_high": 0.9, "high": 0.7, "medium": 0.5, "low": 0.2}
CHANNELS = {
    "code": "P1.3",
    "type": "multi_choice",
    "text": {"th": "ช่องทางบริการ", "en": "Service channels"},
    "choices": [
        {"code": "chatbot", "label": {"th": "แชตบอต", "en": "Chatbot"}, "points": 1},
        {"code": "documents", "label": {"th": "เอกสาร", "en": "Documents"}, "points": 1},
    ],
}


def _definition() -> dict:
    definition = small_definition(code="words-2566", bands=BANDS)
    definition["pillars"][1]["questions"].append(CHANNELS)
    return definition


def _audit_everything(response: Response, person) -> None:
    """One entry of every action the portal writes, with values of the kind each one keeps."""
    values = {
        "answer.change": {"before": ["chatbot"], "after": ["chatbot", "documents"], "question": "P1.3"},
        "scores.release": {"before": False, "after": True},
        "deadline.extend": {"before": "2023-06-30", "after": "2023-07-15"},
        "score.adjust": {"before": 0.5, "after": 0.25, "question": "P1.1"},
        "export.request": {"after": "scores.csv"},
        "user.roles": {"before": {"memberships": []}, "after": {"memberships": ["ALRO:officer"]}},
    }
    for action in ACTIONS:
        data = {"before": None, "after": None, "reason": "", **values.get(action, {})}
        if action.startswith("response."):
            data |= {"before": "submitted", "after": "under_review"}
        elif action.startswith("evidence.") and action not in ("evidence.add", "evidence.remove"):
            data |= {"before": "pending", "after": "verified"}
        target = (
            ("agencies.user", str(person.pk))
            if action == "user.roles"
            else ("surveys.response", str(response.pk))
        )
        AuditEvent.objects.create(
            actor=person, action=action, target_type=target[0], target_id=target[1], data=data
        )


@pytest.fixture(scope="module")
def year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_year()
        transaction.set_rollback(True)


def _build_year() -> dict:
    questionnaire = QuestionnaireFactory(definition=_definition())
    today = timezone.localdate()
    cycle = CycleFactory(
        year=2566, questionnaire=questionnaire, opens_on=today - timedelta(days=30),
        closes_on=today + timedelta(days=30), scores_visible_to_agencies=True,
    )  # fmt: skip
    officer = UserFactory(full_name="Alice")
    approver = UserFactory(full_name="Bob")
    admin = UserFactory(full_name="Dana", is_dga_admin=True)
    evaluator = UserFactory(full_name="Erin", is_evaluator=True)
    responses = {}
    kinds = [k for k in AgencyKind.values if k != AgencyKind.PCIO] + [AgencyKind.PCIO]
    bands = list(TOTALS)
    for i, status in enumerate(ResponseStatus.values):
        kind = AgencyKind.DEPARTMENT if status == ResponseStatus.ACCEPTED else kinds[i % len(kinds)]
        agency = AgencyFactory(code=f"W{i:02d}", kind=kind)
        MembershipFactory(agency=agency, user=officer, role=MembershipRole.OFFICER)
        MembershipFactory(agency=agency, user=approver, role=MembershipRole.APPROVER)
        response = ResponseFactory(cycle=cycle, agency=agency, status=status)
        answers_create(response, {"P1.1": "draft", "P1.2": "yes", "P1.3": ["chatbot", "documents"]})
        band = bands[i % len(bands)]
        ScoreCardFactory(response=response, total=TOTALS[band], band=band, pillars={"P1": 0.5, "P3": 0.5})
        if status in (ResponseStatus.SUBMITTED, ResponseStatus.ACCEPTED):
            Response.objects.filter(pk=response.pk).update(submitted_at=timezone.now())
        responses[status] = response
    accepted = responses[ResponseStatus.ACCEPTED]
    _audit_everything(accepted, admin)
    for kind in NotificationKind.values:
        params = {
            "agency": {"th": "กรมทดสอบ", "en": "Test department"},
            "title": {"th": "รางวัล", "en": "Award"},
            "date": "2023-06-30", "closes_on": "2023-06-30", "days": 3, "question": "P1.1",
        }  # fmt: skip
        notify(users=[officer, admin], kind=kind, params=params, link="/", response=accepted)
    awards = awards_import(data=awards_data(TOTAL) | {"questionnaire": "words-2566"})
    awards_rank(awards_id=awards.pk)
    category_publish(category=Category.objects.get(awards=awards, code="top"), by=admin)
    return {
        "cycle": Cycle.objects.get(pk=cycle.pk),
        "responses": responses,
        "users": {"officer": officer, "approver": approver, "admin": admin, "evaluator": evaluator},
        "awards": awards,
        "ranked": accepted.agency.code,
    }


def _journey(year: dict) -> list[tuple[str, str]]:
    """(who, address) for every page of the journey."""
    accepted = year["responses"][ResponseStatus.ACCEPTED]
    pid = accepted.public_id
    cycle = year["cycle"]
    code = cycle.questionnaire.code
    awards = year["awards"].code
    officer_pages = [reverse("surveys:my_responses")] + [
        reverse(name, args=[r.public_id])
        for r in year["responses"].values()
        for name in ("surveys:response",)
    ]
    officer_pages += [
        reverse("surveys:pillar", args=[pid, "P1"]),
        reverse("surveys:check", args=[pid]),
        reverse("surveys:full", args=[pid]),
        reverse("surveys:answer_history", args=[pid, "P1.3"]),
        reverse("surveys:score_card", args=[pid]),
        reverse("surveys:benchmark", args=[pid]),
        reverse("surveys:inbox"),
    ]
    admin_pages = [
        reverse("surveys:cycle", args=[cycle.year]),
        reverse("surveys:dashboard", args=[cycle.year]),
        reverse("surveys:dashboard_agencies", args=[cycle.year]),
        reverse("surveys:reminders", args=[cycle.year]),
        reverse("surveys:review"),
        reverse("surveys:review_response", args=[pid]),
        reverse("surveys:audit_response", args=[pid]),
        reverse("surveys:audit_user", args=[year["users"]["admin"].pk]),
        reverse("surveys:exports"),
        reverse("surveys:inbox"),
        reverse("surveys:email_log"),
        reverse("surveys:questionnaire", args=[code]),
        reverse("surveys:rescore", args=[code]),
    ]
    evaluator_pages = [
        reverse("awards:index"),
        reverse("awards:ranking", args=[awards, "top"]),
        reverse("awards:entry", args=[awards, "top", year["ranked"]]),
    ]
    return (
        [("officer", p) for p in officer_pages]
        + [("approver", reverse("surveys:approvals"))]
        + [("admin", p) for p in admin_pages]
        + [("evaluator", p) for p in evaluator_pages]
        + [("anonymous", reverse("awards:results"))]
    )


class _Text(HTMLParser):
    """The text a person reads: no markup, attributes, scripts or styles."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def _codes(year: dict, url: str) -> set[str]:
    questionnaire = year["cycle"].questionnaire
    bands = {b.code for b in questionnaire.parsed.bands}
    codes = set(ResponseStatus.values) | set(AgencyKind.values) | bands | set(ACTIONS) | {year["awards"].code}
    if url != reverse("surveys:questionnaire", args=[questionnaire.code]):  # its page names it for commands
        codes.add(questionnaire.code)
    return codes


def raw_codes(text: str, codes: set[str], *, lang: str) -> set[str]:
    """The codes standing as words in a page's text. In English, single-word codes ("accepted",
    "high") are also plain words, so only codes that no sentence writes (with _ . or -) count."""
    if lang == "en":
        codes = {c for c in codes if "_" in c or "." in c or "-" in c}
    return {c for c in codes if re.search(rf"(?<![\w.-]){re.escape(c)}(?![\w-]|\.\w)", text)}


GREGORIAN_YEAR = re.compile(r"(?<!\d)20[0-4]\d(?!\d)")


@pytest.mark.parametrize("lang", ["th", "en"])
def test_no_page_of_the_journey_shows_a_raw_code_or_a_thai_page_a_gregorian_year(year, db, lang):
    clients: dict[str, Client] = {}
    problems = []
    for who, url in _journey(year):
        if who not in clients:
            clients[who] = Client(HTTP_ACCEPT_LANGUAGE=lang)
            clients[who].cookies["django_language"] = lang
            if who != "anonymous":
                clients[who].force_login(year["users"][who])
        page = clients[who].get(url)
        assert page.status_code == 200, (who, url, page.status_code)
        assert page.headers["Content-Language"] == lang
        text = visible_text(page.content.decode())
        if found := raw_codes(text, _codes(year, url), lang=lang):
            problems.append(f"{url} ({who}): raw codes {sorted(found)}")
        if "['" in text or '["' in text:
            problems.append(f"{url} ({who}): a Python list")
        if lang == "th" and (years := set(GREGORIAN_YEAR.findall(text))):
            problems.append(f"{url} ({who}): Gregorian years {sorted(years)}")
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_raw_code_and_a_gregorian_year():
    codes = {"under_review", "accepted", "response.accept"}
    assert raw_codes("สถานะ under_review", codes, lang="th") == {"under_review"}
    assert raw_codes("status accepted; response.accept", codes, lang="en") == {"response.accept"}
    assert raw_codes("ตอบรับแล้ว", codes, lang="th") == set()
    assert GREGORIAN_YEAR.findall("30 พฤศจิกายน 2026, 20:51 · 2566") == ["2026"]
