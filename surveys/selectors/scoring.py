"""Queries behind the rescoring pages: a job's progress."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from surveys.models import (
    Questionnaire,
    Response,
    ScoreState,
    ScoringJob,
)


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
