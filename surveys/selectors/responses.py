"""Queries behind the respondent's pages: responses, answers, evidence, comments, earlier cycles."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, F, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import User
from agencies.selectors import names_as_of, names_date
from surveys.domain.completeness import evidence_states
from surveys.models import (
    Answer,
    AnswerChange,
    Cycle,
    Evidence,
    Response,
    ReviewComment,
    ScoreCard,
)


def responses_named(responses: Iterable[Response]) -> list[Response]:
    """The responses, each agency bearing the name in force during the response's cycle (one
    query for the whole list; load `agency` and `cycle` with them)."""
    listed = list(responses)
    names_as_of((r.agency, names_date(year) if (year := r.year) else None) for r in listed)
    return listed


def responses_for_member(*, user: User) -> QuerySet[Response]:
    """The responses of the user's own agencies, newest cycle first."""
    return (
        Response.objects.filter(agency__memberships__user=user)
        .select_related("agency", "questionnaire", "cycle")
        .annotate(answered=Count("answers", distinct=True))
        .order_by("-cycle__year", "agency__code")
    )


def answers_of(*, response: Response) -> dict:
    return dict(Answer.objects.filter(response=response).values_list("question_code", "value"))


# What a page shows of an answer; its author's name (User.__str__) is all it shows of them.
ANSWER_FIELDS = ("response_id", "question_code", "value", "version", "updated_by_id", "updated_at")


def answers_with_authors(*, response: Response) -> dict[str, Answer]:
    """The current answers by question code, with who changed each last (one query)."""
    answers = (
        Answer.objects.filter(response=response)
        .select_related("updated_by")
        .only(*ANSWER_FIELDS, "updated_by__full_name", "updated_by__email")
    )
    return {a.question_code: a for a in answers}


def answer_history(*, response: Response, question_code: str) -> QuerySet[AnswerChange]:
    """Every change of one answer, newest first (a query: the page reads one page of it)."""
    return (
        AnswerChange.objects.filter(answer__response=response, answer__question_code=question_code)
        .select_related("changed_by")
        .order_by("-version")
    )


def evidence_by_question(*, response: Response) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = {}
    # In the model's order, without the join to the agency its `response` ordering implies.
    rows = Evidence.objects.filter(response=response).order_by("question_code", "uploaded_at", "pk")
    for evidence in rows:
        found.setdefault(evidence.question_code, []).append(evidence)
    return found


def evidence_states_of(*, response_id: int) -> dict[str, str]:
    """`{question_code: "present" | "rejected"}`, what scoring reads of a response's evidence."""
    states: dict[str, list[str]] = {}
    rows = Evidence.objects.filter(response_id=response_id).values_list("question_code", "review_state")
    for code, state in rows:
        states.setdefault(code, []).append(state)
    return evidence_states(states)


def evidence_states_by_response(*, ids: list[int]) -> dict[int, dict[str, str]]:
    """`evidence_states_of` for many responses in one query (batched scoring); absent: no files."""
    states: dict[int, dict[str, list[str]]] = {}
    rows = Evidence.objects.filter(response_id__in=ids).values_list(
        "response_id", "question_code", "review_state"
    )
    for response_id, code, state in rows:
        states.setdefault(response_id, {}).setdefault(code, []).append(state)
    return {response_id: evidence_states(by_question) for response_id, by_question in states.items()}


def review_comments_by_question(*, response: Response) -> dict[str, list[ReviewComment]]:
    found: dict[str, list[ReviewComment]] = {}
    rows = ReviewComment.objects.filter(response=response).order_by("question_code", "created_at", "pk")
    for comment in rows.select_related("author"):
        found.setdefault(comment.question_code, []).append(comment)
    return found


def previous_answers(*, response: Response) -> dict:
    """The agency's answers in the previous cycle (by year), by question code; one query."""
    if response.cycle is None:
        return {}
    previous_cycle = Cycle.objects.filter(year__lt=response.cycle.year).order_by("-year").values("pk")[:1]
    rows = Answer.objects.filter(
        response__agency_id=response.agency_id, response__cycle_id=Subquery(previous_cycle)
    ).values_list("question_code", "value")
    return {code: value for code, value in rows if value not in (None, "", [])}


def score_card_of(*, response: Response) -> ScoreCard | None:
    return ScoreCard.objects.filter(response=response, questionnaire_id=response.questionnaire_id).first()


def previous_score_card(*, response: Response) -> ScoreCard | None:
    """The same agency's card of the latest earlier year: of the previous cycle, or of results
    imported with `import_results` (a questionnaire outside any cycle, by its year)."""
    year = response.cycle.year if response.cycle is not None else response.questionnaire.year
    if year is None:
        return None
    return (
        ScoreCard.objects.filter(
            response__agency_id=response.agency_id, response__questionnaire=F("questionnaire")
        )
        .annotate(year=Coalesce("response__cycle__year", "questionnaire__year"))
        .filter(year__lt=year)
        .select_related("questionnaire")
        .order_by("-year", "-questionnaire__created_at")
        .first()
    )
