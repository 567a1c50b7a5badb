"""Queries for pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Avg, Count, FloatField, OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast

from agencies.models import AgencyKind, User

from .access import responses_visible_to
from .models import Answer, Cycle, CycleTarget, Questionnaire, Response, ScoreCard, ScoreState, ScoringJob


def responses_for_member(*, user: User) -> QuerySet[Response]:
    """The responses of the user's own agencies, newest cycle first."""
    return (
        Response.objects.filter(agency__memberships__user=user)
        .select_related("agency", "questionnaire", "cycle")
        .annotate(answered=Count("answers", distinct=True))
        .order_by("-cycle__year", "agency__code")
    )


def responses_for_review(*, user: User) -> QuerySet[Response]:
    """Responses that reached DGA, with their current score."""
    cards = ScoreCard.objects.filter(response=OuterRef("pk"), questionnaire=OuterRef("questionnaire"))
    return (
        responses_visible_to(user)
        .exclude(status__in=["not_started", "draft", "awaiting_approval"])
        .annotate(total=Subquery(cards.values("total")[:1]), band=Subquery(cards.values("band")[:1]))
        .order_by("-submitted_at", "agency__code")
    )


def answers_of(*, response: Response) -> dict:
    return dict(Answer.objects.filter(response=response).values_list("question_code", "value"))


def score_card_of(*, response: Response) -> ScoreCard | None:
    return ScoreCard.objects.filter(response=response, questionnaire_id=response.questionnaire_id).first()


@dataclass(frozen=True)
class CycleSummary:
    cycle: Cycle
    targets_by_kind: dict[str, int]
    responses_by_status: dict[str, int]

    @property
    def department_level(self) -> int:
        """Department-level agencies, regional administration units included (as DGA counts)."""
        return self.targets_by_kind.get(AgencyKind.DEPARTMENT, 0) + self.regional

    @property
    def regional(self) -> int:
        return self.targets_by_kind.get(AgencyKind.REGIONAL, 0)

    @property
    def pcio(self) -> int:
        return self.targets_by_kind.get(AgencyKind.PCIO, 0)

    @property
    def other(self) -> int:
        return self.targets_by_kind.get(AgencyKind.OTHER, 0)

    @property
    def total(self) -> int:
        return sum(self.targets_by_kind.values())


def cycle_summary(*, cycle: Cycle) -> CycleSummary:
    kinds = CycleTarget.objects.filter(cycle=cycle).values_list("agency__kind").annotate(n=Count("pk"))
    statuses = Response.objects.filter(cycle=cycle).values_list("status").annotate(n=Count("pk"))
    return CycleSummary(cycle, dict(kinds), dict(statuses))


def _node_score(code: str) -> Cast:
    """A node's score from the stored card, in the database (no card loaded into Python)."""
    return Cast(KeyTextTransform("score", KeyTransform(code, KeyTransform("nodes", "card"))), FloatField())


def score_rows(*, questionnaire: Questionnaire) -> tuple[list[str], Iterator[list]]:
    """`agency,total,band,<pillar code>...` per scored response, by agency code (export_scores)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    annotations = {f"pillar_{i}": _node_score(code) for i, code in enumerate(pillars)}
    cards = (
        ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
        .annotate(**annotations)
        .order_by("response__agency__code")
        .values_list("response__agency__code", "total", "band", *annotations)
    )
    return ["agency", "total", "band", *pillars], (list(row) for row in cards.iterator(chunk_size=500))


def pillar_averages(*, questionnaire: Questionnaire, kind: str | None = None) -> dict[str, float | None]:
    """The mean score of every pillar over the questionnaire's score cards (of one agency kind)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    cards = ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
    if kind:
        cards = cards.filter(response__agency__kind=kind)
    means = cards.aggregate(**{f"p{i}": Avg(_node_score(code)) for i, code in enumerate(pillars)})
    return {code: means[f"p{i}"] for i, code in enumerate(pillars)}


@dataclass(frozen=True)
class JobProgress:
    job: ScoringJob
    done: int
    failed: int

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.job.total

    @property
    def percent(self) -> int:
        return 100 if not self.job.total else int(100 * (self.done + self.failed) / self.job.total)


def scoring_job_progress(*, job: ScoringJob) -> JobProgress:
    counts = dict(
        Response.objects.filter(score_job=job, score_state__in=[ScoreState.DONE, ScoreState.FAILED])
        .values_list("score_state")
        .annotate(n=Count("pk"))
    )
    return JobProgress(job, counts.get(ScoreState.DONE, 0), counts.get(ScoreState.FAILED, 0))


def latest_scoring_job(*, questionnaire: Questionnaire) -> ScoringJob | None:
    return ScoringJob.objects.filter(questionnaire=questionnaire).select_related("requested_by").first()
