"""Award files, their categories, live rankings, panel scores and frozen publications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from awards.domain.eligibility import Rules
from awards.domain.spec import MAX_PRECISION, CategorySpec, Criterion
from common.bilingual import Text, pick
from surveys.models import Questionnaire


class Bilingual(models.Model):
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        return pick(self.title_th, self.title_en, get_language())


class Awards(Bilingual):
    """One award file: the categories decided from one questionnaire's scores."""

    code = models.SlugField(_("code"), max_length=100, unique=True)
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.JSONField(_("imported file"), null=True, blank=True)
    rank_requested_at = models.DateTimeField(_("ranking requested at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("award file")
        verbose_name_plural = _("award files")
        ordering = ["-created_at", "code"]

    def __str__(self) -> str:
        return self.title or self.code


class Basis(models.TextChoices):
    TOTAL = "total", _("Total score")
    PILLAR = "pillar", _("Pillar score")
    INDICATOR = "indicator", _("Indicator score")
    IMPROVEMENT = "improvement", _("Improvement over the previous cycle")
    PANEL = "panel", _("Panel of evaluators")


class Category(Bilingual):
    awards = models.ForeignKey(
        Awards, verbose_name=_("award file"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(_("code"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    node = models.CharField(
        _("pillar or indicator"), max_length=100, blank=True, help_text=_("For pillar and indicator bases.")
    )
    eligibility = models.JSONField(
        _("eligibility"),
        default=dict,
        blank=True,
        help_text=_("kinds, statuses (accepted unless listed), min_total, min_pillars {code: fraction}"),
    )
    precision = models.PositiveSmallIntegerField(_("decimals kept before ranking"), default=2)
    winners = models.PositiveIntegerField(
        _("winners"), help_text=_("Every agency ranked this or better wins.")
    )
    compare_to = models.CharField(
        _("compare to questionnaire"), max_length=100, blank=True, help_text=_("For the improvement basis.")
    )
    rubric = models.JSONField(
        _("rubric"), default=list, blank=True, help_text=_("Panel criteria: [{code, title {th, en}, max}]")
    )
    shortlist = models.JSONField(
        _("shortlist"), default=list, blank=True, help_text=_("Agency codes; empty: every eligible agency.")
    )
    panel_closed_at = models.DateTimeField(_("panel closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ["awards", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["awards", "code"], name="category_code_unique"),
            models.CheckConstraint(condition=Q(basis__in=Basis.values), name="category_basis_valid"),
            models.CheckConstraint(
                condition=Q(precision__lte=MAX_PRECISION), name="category_precision_range"
            ),
            models.CheckConstraint(condition=Q(winners__gte=1), name="category_winners_positive"),
            models.CheckConstraint(
                condition=Q(basis__in=["pillar", "indicator"], node__gt="")
                | (~Q(basis__in=["pillar", "indicator"]) & Q(node="")),
                name="category_node_iff_node_basis",
            ),
            models.CheckConstraint(
                condition=Q(basis="improvement", compare_to__gt="")
                | (~Q(basis="improvement") & Q(compare_to="")),
                name="category_compare_to_iff_improvement",
            ),
            models.CheckConstraint(
                condition=Q(basis="panel") | Q(panel_closed_at__isnull=True),
                name="category_panel_closed_only_for_panels",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.awards.code} · {self.code}"

    @property
    def description(self) -> str:
        return pick(self.description_th, self.description_en, get_language())

    @property
    def is_panel(self) -> bool:
        return self.basis == Basis.PANEL

    @property
    def panel_open(self) -> bool:
        return self.is_panel and self.panel_closed_at is None

    @cached_property
    def spec(self) -> CategorySpec:
        """The category as the pure ranking sees it."""
        rules = self.eligibility or {}
        return CategorySpec(
            code=self.code,
            title=Text(self.title_th, self.title_en),
            basis=self.basis,
            node=self.node,
            rules=Rules(
                kinds=tuple(rules.get("kinds", ())),
                statuses=tuple(rules.get("statuses") or Rules().statuses),
                min_total=rules.get("min_total"),
                min_pillars=dict(rules.get("min_pillars") or {}),
            ),
            precision=self.precision,
            winners=self.winners,
            compare_to=self.compare_to,
            rubric=tuple(
                Criterion(c["code"], Text(c["title"]["th"], c["title"].get("en", "")), float(c["max"]))
                for c in self.rubric or ()
            ),
            shortlist=tuple(self.shortlist or ()),
        )


class Ranking(models.Model):
    """The live ranking of a category: recomputed by the rank job, stale once its inputs change."""

    category = models.OneToOneField(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="ranking"
    )
    computed_at = models.DateTimeField(_("computed at"))
    fingerprint = models.CharField(
        _("inputs fingerprint"),
        max_length=64,
        help_text=_("Scores, statuses and panel sheets it was made from."),
    )

    class Meta:
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")

    def __str__(self) -> str:
        return str(self.category)


class RankingEntry(models.Model):
    # No index of its own: the unique (ranking, agency) and (ranking, position) indexes lead with it,
    # and each index more is written for every one of the ~74,000 entries of a national ranking.
    ranking = models.ForeignKey(
        Ranking, verbose_name=_("ranking"), on_delete=models.CASCADE, related_name="entries", db_index=False
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(_("position"))
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=12, decimal_places=MAX_PRECISION, null=True, blank=True
    )
    raw_score = models.FloatField(_("score before rounding"), null=True, blank=True)
    winner = models.BooleanField(_("winner"), default=False)
    eligible = models.BooleanField(_("eligible"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("ranking entry")
        verbose_name_plural = _("ranking entries")
        ordering = ["ranking", "position"]
        constraints = [
            models.UniqueConstraint(fields=["ranking", "agency"], name="ranking_entry_agency_unique"),
            models.UniqueConstraint(fields=["ranking", "position"], name="ranking_entry_position_unique"),
            models.CheckConstraint(
                condition=Q(eligible=True, rank__gte=1) | Q(eligible=False, rank__isnull=True),
                name="ranking_entry_ranked_iff_eligible",
            ),
            models.CheckConstraint(
                condition=Q(winner=False) | Q(eligible=True), name="ranking_entry_winner_eligible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank or '—'} · {self.agency_id}"


class PanelScore(models.Model):
    """One evaluator's rubric sheet for one shortlisted agency of a panel category."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="panel_scores"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("evaluator"), on_delete=models.PROTECT, related_name="+"
    )
    points = models.JSONField(_("points per criterion"))
    score = models.FloatField(_("score"), help_text=_("Points given ÷ points possible."))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("panel score")
        verbose_name_plural = _("panel scores")
        ordering = ["category", "agency", "evaluator"]
        constraints = [
            models.UniqueConstraint(fields=["category", "agency", "evaluator"], name="panel_score_once"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="panel_score_fraction"),
        ]

    def __str__(self) -> str:
        return f"{self.category} · {self.agency_id} · {self.evaluator_id}"


class Publication(models.Model):
    """A frozen copy of a category's ranking, as published; later rescoring never changes it."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="publications"
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    ranking_computed_at = models.DateTimeField(_("ranking computed at"))
    fingerprint = models.CharField(_("inputs fingerprint"), max_length=64)
    title_th = models.CharField(_("title (Thai)"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        get_latest_by = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.category} @ {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def title(self) -> str:
        return pick(self.title_th, self.title_en, get_language())


class PublishedEntry(models.Model):
    """One row of a publication, with the agency's names as they were when published."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="entries"
    )
    position = models.PositiveIntegerField(_("position"))
    agency_code = models.CharField(_("agency code"), max_length=40)
    agency_name_th = models.CharField(_("agency name (Thai)"), max_length=255)
    agency_name_en = models.CharField(_("agency name (English)"), max_length=255, blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=12, decimal_places=MAX_PRECISION, null=True, blank=True
    )
    winner = models.BooleanField(_("winner"))
    eligible = models.BooleanField(_("eligible"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)

    class Meta:
        verbose_name = _("published entry")
        verbose_name_plural = _("published entries")
        ordering = ["publication", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "position"], name="published_entry_position_unique"
            ),
            models.UniqueConstraint(
                fields=["publication", "agency_code"], name="published_entry_agency_unique"
            ),
            models.CheckConstraint(
                condition=Q(eligible=True, rank__gte=1) | Q(eligible=False, rank__isnull=True),
                name="published_entry_ranked_iff_eligible",
            ),
            models.CheckConstraint(
                condition=Q(winner=False) | Q(eligible=True), name="published_entry_winner_eligible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank or '—'} · {self.agency_code}"

    @property
    def agency_name(self) -> str:
        return pick(self.agency_name_th, self.agency_name_en, get_language())
