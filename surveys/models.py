"""Cycles, questionnaires, responses, answers, their history and score cards."""

import uuid
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency

from .definition import Definition, parse_definition
from .workflow import Status


class ResponseStatus(models.TextChoices):
    NOT_STARTED = Status.NOT_STARTED, _("Not started")
    DRAFT = Status.DRAFT, _("Draft")
    AWAITING_APPROVAL = Status.AWAITING_APPROVAL, _("Awaiting approval")
    SUBMITTED = Status.SUBMITTED, _("Submitted")
    UNDER_REVIEW = Status.UNDER_REVIEW, _("Under review")
    RETURNED = Status.RETURNED, _("Returned for revision")
    ACCEPTED = Status.ACCEPTED, _("Accepted")


class ScoreState(models.TextChoices):
    NONE = "none", _("Not scored")
    PENDING = "pending", _("Score pending")
    RUNNING = "running", _("Scoring")
    DONE = "done", _("Scored")
    FAILED = "failed", _("Scoring failed")


class Questionnaire(models.Model):
    """One version of a questionnaire definition; immutable once published."""

    code = models.SlugField(_("code"), max_length=100, unique=True)
    year = models.PositiveIntegerField(_("year (B.E.)"), null=True, blank=True)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    definition = models.JSONField(_("definition"))
    checksum = models.CharField(_("checksum"), max_length=64)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.title_en if get_language() == "en" and self.title_en else self.title_th

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @cached_property
    def parsed(self) -> Definition:
        return _parsed(self.pk, self.checksum, lambda: self.definition)


_DEFINITIONS: dict[tuple[int, str], Definition] = {}


def _parsed(pk: int, checksum: str, data: Callable[[], dict]) -> Definition:
    """Parse once per process: a stored definition never changes under the same checksum.
    `data` is called only on a miss, so a worker may load questionnaires with the definition
    deferred and fetch the JSON once."""
    key = (pk, checksum)
    if key not in _DEFINITIONS:
        _DEFINITIONS[key] = parse_definition(data())
    return _DEFINITIONS[key]


class Cycle(models.Model):
    """A survey year: its questionnaire, its dates and its target agencies."""

    year = models.PositiveIntegerField(_("year (B.E.)"), unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="cycles"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    targets = models.ManyToManyField(
        Agency, verbose_name=_("target agencies"), through="CycleTarget", related_name="cycles"
    )
    scores_visible_to_agencies = models.BooleanField(
        _("agencies see their score cards"),
        default=False,
        help_text=_("Once on, each agency's officers and approvers see their own score card."),
    )

    class Meta:
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Cycle %(year)s") % {"year": self.year})


class CycleTarget(models.Model):
    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE)
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    deadline = models.DateField(
        _("extended deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the cycle's close date."),
    )

    class Meta:
        verbose_name = _("cycle target")
        verbose_name_plural = _("cycle targets")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="cycle_target_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id} · {self.agency_id}"

    def closes_on(self) -> date:
        return self.deadline or self.cycle.closes_on


class ResponseQuerySet(models.QuerySet):
    def with_agency_deadline(self) -> "ResponseQuerySet":
        """Annotate each response with its agency's extended deadline (None: the cycle's close
        date), so the deadline check needs no query of its own."""
        targets = CycleTarget.objects.filter(cycle=models.OuterRef("cycle"), agency=models.OuterRef("agency"))
        return self.annotate(agency_deadline=models.Subquery(targets.values("deadline")[:1]))


class Response(models.Model):
    """One agency's response to one questionnaire version."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="responses"
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="responses",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score_state = models.CharField(
        _("score state"), max_length=10, choices=ScoreState.choices, default=ScoreState.NONE
    )
    score_requested_at = models.DateTimeField(_("score requested at"), null=True, blank=True)
    # Who is scoring it now (a task id), since when, how often tried for the latest request.
    score_claim = models.CharField(_("scoring claimed by"), max_length=64, blank=True)
    score_started_at = models.DateTimeField(_("scoring started at"), null=True, blank=True)
    score_attempts = models.PositiveSmallIntegerField(_("scoring attempts"), default=0)
    score_error = models.TextField(_("scoring error"), blank=True)
    score_job = models.ForeignKey(
        "ScoringJob",
        verbose_name=_("rescoring job"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responses",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["agency__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "questionnaire"], name="response_one_per_agency_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ResponseStatus.values), name="response_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(score_state__in=ScoreState.values), name="response_score_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} · {self.questionnaire.code}"


class Answer(models.Model):
    """The current answer to one question; `version` grows with every save."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    value = models.JSONField(_("value"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="answer_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="answer_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} = {self.value!r}"


class AnswerChange(models.Model):
    """Append-only history of an answer: who changed it, when, from what to what."""

    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="changes"
    )
    version = models.PositiveIntegerField(_("version"))
    old_value = models.JSONField(_("old value"), null=True, blank=True)
    new_value = models.JSONField(_("new value"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer change")
        verbose_name_plural = _("answer changes")
        ordering = ["answer", "version"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "version"], name="answer_change_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} v{self.version}"


class ResponseEvent(models.Model):
    """One transition of a response's status."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from status"), max_length=20, choices=ResponseStatus.choices)
    to_status = models.CharField(_("to status"), max_length=20, choices=ResponseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response event")
        verbose_name_plural = _("response events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_status} → {self.to_status}"


class ScoreCard(models.Model):
    """The stored result of scoring one response against its questionnaire version."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="score_cards"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="+"
    )
    total = models.FloatField(_("total"), null=True, blank=True)
    band = models.CharField(_("band"), max_length=40, blank=True)
    card = models.JSONField(_("score card"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("score card")
        verbose_name_plural = _("score cards")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "questionnaire"], name="score_card_one_per_response_version"
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=1),
                name="score_card_total_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.total}"


class EvidenceState(models.TextChoices):
    PENDING = "pending", _("Not yet reviewed")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def evidence_path(instance: "Evidence", filename: str) -> str:
    """A generated name: nothing of the uploader's file name reaches the disk."""
    return f"evidence/{instance.response.public_id}/{uuid.uuid4().hex}{instance.extension}"


class Evidence(models.Model):
    """A file attached to one question of a response."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="evidence"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    extension = models.CharField(_("extension"), max_length=10)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    review_state = models.CharField(
        _("review state"), max_length=10, choices=EvidenceState.choices, default=EvidenceState.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["response", "question_code", "uploaded_at", "pk"]
        indexes = [models.Index(fields=["response", "question_code"], name="evidence_response_question")]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_state__in=EvidenceState.values), name="evidence_review_state_valid"
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="evidence_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.original_name}"


class ReviewComment(models.Model):
    """DGA's comment on one question of a response, shown to the agency beside the question."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="review_comments"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    body = models.TextField(_("comment"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["response", "question_code", "created_at", "pk"]
        indexes = [models.Index(fields=["response", "question_code"], name="review_comment_question")]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.body[:40]}"


class ScoringJob(models.Model):
    """A request to rescore every scoreable response of a questionnaire; its progress is
    read from the responses it covers (`Response.score_job`)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="scoring_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    total = models.PositiveIntegerField(_("responses to score"))
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scoring job")
        verbose_name_plural = _("scoring jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.questionnaire_id} · {self.created_at:%Y-%m-%d %H:%M}"


class ScoreAdjustment(models.Model):
    """A reviewer's replacement of one question's score (a fraction), with the reason."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="adjustments"
    )
    question_code = models.CharField(_("question code"), max_length=100)
    score = models.FloatField(_("score (fraction 0..1)"))
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("adjusted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    at = models.DateTimeField(_("adjusted at"), auto_now=True)

    class Meta:
        verbose_name = _("score adjustment")
        verbose_name_plural = _("score adjustments")
        ordering = ["response", "question_code"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question_code"], name="score_adjustment_unique"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="score_adjustment_fraction"),
            models.CheckConstraint(condition=~Q(reason=""), name="score_adjustment_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.question_code} := {self.score}"


class ExportKind(models.TextChoices):
    RESPONSES = "responses", _("Responses (one column per question)")
    SCORES = "scores", _("Scores (total, band, pillars, indicators)")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX (Excel)"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


def export_path(instance: "ExportJob", filename: str) -> str:
    return f"exports/{instance.public_id}.{instance.format}"


class ExportJob(models.Model):
    """An export of a questionnaire's responses or scores, written by a worker; only the
    person who asked for it downloads the file."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="exports"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ExportKind.choices)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED
    )
    done = models.PositiveIntegerField(_("rows written"), default=0)
    total = models.PositiveIntegerField(_("rows to write"), default=0)
    file = models.FileField(_("file"), upload_to=export_path, max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ExportKind.values), name="export_kind_valid"),
            models.CheckConstraint(condition=Q(format__in=ExportFormat.values), name="export_format_valid"),
            models.CheckConstraint(condition=Q(state__in=ExportState.values), name="export_state_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}.{self.format} · {self.questionnaire_id}"

    @property
    def percent(self) -> int:
        if self.state == ExportState.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def filename(self) -> str:
        return f"{self.questionnaire.code}-{self.kind}.{self.format}"
