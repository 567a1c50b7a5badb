"""What the API sends and takes (pydantic, through django-ninja); the OpenAPI schema is built
from these."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from agencies.selectors import name_history


class Error(Schema):
    detail: Any
    code: str | None = None


class CycleOut(Schema):
    year: int = Field(description="The survey year, Buddhist Era")
    questionnaire: str
    opens_on: date
    closes_on: date
    scores_visible_to_agencies: bool


class AgencyNameOut(Schema):
    """One name of an agency's history (renames and moves between ministries)."""

    name_th: str
    name_en: str
    abbr_th: str
    abbr_en: str
    ministry: str | None = Field(description="The ministry's code while this name was in force")
    valid_from: date | None = Field(description="The first day in force; null when not known (the oldest)")
    valid_until: date | None = Field(description="The last day in force; null for the current name")


class AgencyOut(Schema):
    code: str
    name_th: str
    name_en: str
    abbr_th: str
    abbr_en: str
    kind: str
    ministry: str | None
    province: str | None
    names: list[AgencyNameOut] = Field(
        description="The agency's names, oldest first; the last is the current one (its name above)"
    )

    @staticmethod
    def resolve_ministry(obj: Any) -> str | None:
        return obj.ministry.code if obj.ministry_id else None

    @staticmethod
    def resolve_province(obj: Any) -> str | None:
        return obj.province.code if obj.province_id else None

    @staticmethod
    def resolve_names(obj: Any) -> list[AgencyNameOut]:
        return [AgencyNameOut(**vars(name)) for name in name_history(obj)]


class QuestionnaireOut(Schema):
    code: str
    year: int | None
    title_th: str
    title_en: str
    checksum: str
    published_at: datetime | None


class QuestionnaireDetail(QuestionnaireOut):
    definition: dict[str, Any]


class ResponseOut(Schema):
    id: UUID
    agency: str
    questionnaire: str
    cycle: int | None
    status: str
    submitted_at: datetime | None
    updated_at: datetime

    @staticmethod
    def resolve_id(obj: Any) -> UUID:
        return obj.public_id

    @staticmethod
    def resolve_agency(obj: Any) -> str:
        return obj.agency.code

    @staticmethod
    def resolve_questionnaire(obj: Any) -> str:
        return obj.questionnaire.code

    @staticmethod
    def resolve_cycle(obj: Any) -> int | None:
        return obj.cycle.year if obj.cycle_id else None


class AnswerOut(Schema):
    question_code: str
    value: Any
    version: int
    updated_at: datetime
    updated_by: str | None

    @staticmethod
    def resolve_updated_by(obj: Any) -> str | None:
        return str(obj.updated_by) if obj.updated_by_id else None


class AnswerIn(Schema):
    value: Any = Field(
        description="The answer in its stored JSON shape: a choice code, a list of codes, "
        "'yes'/'no', a number, text or an ISO date; null clears it"
    )
    version: int = Field(0, ge=0, le=2**31 - 1, description="The version this value was based on (0: none)")


class Conflict(Schema):
    detail: str
    current: AnswerOut


class Invalid(Schema):
    """422: the request's parameters (detail: where and why), or the answer or file (errors)."""

    detail: Any
    errors: list[str] = []


class EvidenceOut(Schema):
    id: UUID
    question_code: str
    original_name: str
    content_type: str
    size: int
    review_state: str
    uploaded_at: datetime
    download_url: str = Field(description="The portal's download page (signed in, same checks)")


class ScoreLine(Schema):
    code: str
    score: float | None
    reason: str


class ScoreCardOut(Schema):
    total: float | None
    band: str
    computed_at: datetime
    card: dict[str, Any]
    reasons: list[ScoreLine]


class RankingEntryOut(Schema):
    agency: str
    position: int
    rank: int | None
    score: float | None
    winner: bool
    eligible: bool
    reasons: list[Any]


class CategoryOut(Schema):
    awards: str
    code: str
    title_th: str
    title_en: str
    ranked_at: datetime | None
    entries: list[RankingEntryOut]


class WinnerOut(Schema):
    rank: int | None
    agency_code: str
    agency_name_th: str
    agency_name_en: str


class PublishedOut(Schema):
    awards: str
    category: str
    title_th: str
    title_en: str
    published_at: datetime
    winners: list[WinnerOut]


# 400: the site refuses a NUL byte in any address before the API sees it (readiness_portal/middleware.py).
READ_ERRORS: dict[int, type[Schema]] = {
    400: Error, 401: Error, 403: Error, 404: Error, 422: Invalid, 429: Error,
}  # fmt: skip


class StatisticsPillarOut(Schema):
    code: str
    title_th: str
    title_en: str


class StatisticsBandOut(Schema):
    code: str
    label_th: str
    label_en: str


class GroupStatisticsOut(Schema):
    group: str = Field(description="A target group (department, regional, pcio, other), or all the targets")
    group_th: str
    group_en: str
    targets: int = Field(description="Target agencies")
    responded: int = Field(description="Agencies that submitted a response (DGA may have returned it since)")
    response_rate: float | None = Field(description="responded / targets, a fraction 0–1")
    mean_total: float | None = Field(description="The mean total score of the responses submitted, 0–1")
    pillar_means: dict[str, float | None] = Field(description="Scored pillar code → mean score, 0–1")
    bands: dict[str, int] = Field(description="Band code → agencies whose submitted response is in it")


class StatisticsOut(Schema):
    year: int = Field(description="The survey year, Buddhist Era")
    published_at: datetime = Field(description="When the cycle's results were first published")
    modified: datetime = Field(description="When a figure last changed (a score recomputed)")
    pillars: list[StatisticsPillarOut]
    bands: list[StatisticsBandOut]
    groups: list[GroupStatisticsOut]
