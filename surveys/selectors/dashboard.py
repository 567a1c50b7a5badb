"""Queries behind the cycle dashboard, benchmarks and score exports."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Avg,
    Count,
    F,
    FilteredRelation,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, NullIf

from agencies.models import Agency, AgencyKind
from agencies.selectors import ministry_code_on, names_date
from surveys.domain import dashboard
from surveys.models import (
    Cycle,
    CycleTarget,
    Questionnaire,
    Response,
    ScoreCard,
)


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


def _in_cycle(cycle: Cycle) -> FilteredRelation:
    """An agency's response in the cycle (one per agency and cycle), joined, not a subquery."""
    return FilteredRelation("responses", condition=Q(responses__cycle=cycle))


def _current_cards(cycle: Cycle) -> QuerySet[ScoreCard]:
    """The current score cards (of each response's own questionnaire) of the target agencies'
    responses in the cycle."""
    targets = CycleTarget.objects.filter(cycle=cycle).values("agency_id")
    return ScoreCard.objects.filter(
        response__cycle=cycle, questionnaire=F("response__questionnaire"), response__agency_id__in=targets
    )


def responded_cards(*, cycle: Cycle) -> QuerySet[ScoreCard]:
    """The current score cards of the target agencies that responded (the dashboard's scores)."""
    return _current_cards(cycle).filter(response__status__in=dashboard.RESPONDED)


def dashboard_tallies(*, cycle: Cycle) -> list[dashboard.Tally]:
    """Target agencies counted by kind, the ministry they were in during the cycle and their
    response's status, in one grouped query over a join: a few hundred rows at most, however many
    agencies there are."""
    rows = (
        Agency.objects.filter(cycles=cycle)
        .annotate(
            cycle_response=_in_cycle(cycle),
            group=F("kind"),
            ministry_code=ministry_code_on(names_date(cycle.year)),
            status=Coalesce(F("cycle_response__status"), Value(dashboard.NOT_STARTED)),
        )
        .values_list("group", "ministry_code", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [dashboard.Tally(kind, ministry, status, n) for kind, ministry, status, n in rows]


def dashboard_scores(*, cycle: Cycle, pillars: list[str]) -> dashboard.Scores:
    """Bands, deciles and pillar means of the agencies that responded, counted in the database
    (no card read) in one grouped statement: each card's pillar scores are read out of its node
    scores once (in a subquery the sums and counts both read), and the national means are summed
    from the groups' sums and counts."""
    rows = _score_groups(cycle, pillars)
    bands: dict[str, int] = {}
    counts = [0] * 10
    totals: dict[str, list[float]] = {"all": [0.0] * (2 * len(pillars))}
    for kind, band, n, *figures in rows:
        bands[band] = bands.get(band, 0) + n
        counts = [c + d for c, d in zip(counts, figures[:10], strict=True)]
        kind_totals = totals.setdefault(kind, [0.0] * (2 * len(pillars)))
        for i in range(2 * len(pillars)):
            for into in (kind_totals, totals["all"]):
                into[i] += figures[10 + i] or 0.0
    means = {
        group: {code: (t[2 * i] / t[2 * i + 1] if t[2 * i + 1] else None) for i, code in enumerate(pillars)}
        for group, t in totals.items()
    }
    return dashboard.Scores(bands, counts, means)


def _score_groups(cycle: Cycle, pillars: list[str]) -> list[tuple]:
    """`kind, band, n, d0…d9, s0, c0, s1, c1…` per agency kind and band of the responded cards:
    n cards, d<i> of them in decile i, s<i> the sum and c<i> the count of pillar i's scores.

    SUM and COUNT of the same JSON value in one grouped query read it out of every card twice
    (most of the statement's time at a national size): the cards' rows, pillar scores read once,
    come from the ORM's own query as a subquery, which the outer statement only counts and sums.
    OFFSET 0 keeps PostgreSQL from merging the subquery into the outer statement (and reading
    each value again where it is summed and where it is counted)."""
    columns = {f"p{i}": node_score(code) for i, code in enumerate(pillars)}
    cards = (
        responded_cards(cycle=cycle)
        .order_by()
        .values("band", "total", kind=F("response__agency__kind"), **columns)
    )
    inner, params = cards.query.get_compiler(using=cards.db).as_sql()
    connection = connections[cards.db]
    if connection.vendor == "postgresql":
        inner += " OFFSET 0"
    q = connection.ops.quote_name
    total, deciles, bounds = q("total"), [], []
    for i in range(10):  # the rule of _in_decile
        low, high = dashboard.decile_bounds(i)
        within = f"{total} >= %s" + (f" AND {total} < %s" if high is not None else "")
        deciles.append(f"COUNT(CASE WHEN {within} THEN 1 END)")
        bounds += [low] if high is None else [low, high]
    sums = [f"SUM({q(f'p{i}')}), COUNT({q(f'p{i}')})" for i in range(len(pillars))]
    kind, band = q("kind"), q("band")
    # Only column names of our own and the ORM's SQL are formatted in; every value is a parameter.
    sql = (
        f"SELECT {kind}, {band}, COUNT(*), {', '.join([*deciles, *sums])}"  # noqa: S608
        f" FROM ({inner}) cards GROUP BY {kind}, {band}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*bounds, *params])
        return cursor.fetchall()


def _in_decile(decile: int, field: str = "total") -> Q:
    low, high = dashboard.decile_bounds(decile)
    found = Q(**{f"{field}__gte": low})
    return found & Q(**{f"{field}__lt": high}) if high is not None else found


def agencies_behind(
    *,
    cycle: Cycle,
    measure: str = "targets",
    group: str | None = None,
    ministry: str | None = None,
    band: str | None = None,
    decile: int | None = None,
) -> QuerySet[Agency]:
    """The target agencies behind one figure (the rule the figure counted), by code, each with
    its response's `status` and current `total`; the database filters, the page paginates."""
    current = FilteredRelation(
        "cycle_response__score_cards",
        condition=Q(cycle_response__score_cards__questionnaire=F("cycle_response__questionnaire")),
    )
    agencies = (
        Agency.objects.filter(cycles=cycle)
        .annotate(cycle_response=_in_cycle(cycle))
        .annotate(
            current_card=current,
            status=Coalesce(F("cycle_response__status"), Value(dashboard.NOT_STARTED)),
            total=F("current_card__total"),
            band=F("current_card__band"),
        )
        .order_by("code")
    )
    chosen = dashboard.statuses(measure)
    if chosen is not None:
        agencies = agencies.filter(status__in=chosen)
    if group:
        agencies = agencies.filter(kind=group)
    if ministry:  # the ministry the agency was in during the cycle, as the figure counted
        agencies = agencies.alias(ministry_then=ministry_code_on(names_date(cycle.year)))
        agencies = agencies.filter(ministry_then=ministry)
    if band is not None:
        agencies = agencies.filter(band=band, status__in=dashboard.RESPONDED)
    if decile is not None:
        agencies = agencies.filter(_in_decile(decile), status__in=dashboard.RESPONDED)
    return agencies


def node_score(code: str) -> Cast:
    """A node's score from the card's `node_scores`, in the database (no card read); NULL
    when the node is not applicable (its score is JSON null) or absent.

    The text of a JSON null is SQL NULL on PostgreSQL (`#>>`) but the string 'null' on SQLite
    (Django reads the key with JSON_TYPE there), and SQLite casts 'null' to 0.0: NULLIF keeps a
    not-applicable pillar empty in exports and out of averages on both."""
    text = KeyTextTransform(code, "node_scores")
    return Cast(NullIf(text, Value("null", output_field=TextField())), FloatField())


def score_rows(*, questionnaire: Questionnaire) -> tuple[list[str], Iterator[list]]:
    """`agency,total,band,<pillar code>...` per scored response, by agency code (export_scores)."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    annotations = {f"pillar_{i}": node_score(code) for i, code in enumerate(pillars)}
    cards = (
        ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
        .annotate(**annotations)
        .order_by("response__agency__code")
        .values_list("response__agency__code", "total", "band", *annotations)
    )
    return ["agency", "total", "band", *pillars], (list(row) for row in cards.iterator(chunk_size=500))


def pillar_averages(
    *, questionnaire: Questionnaire, kind: str | None = None, cycle: Cycle | None = None
) -> dict[str, float | None]:
    """The mean score of every pillar of the questionnaire over its score cards (of one agency kind);
    with a cycle, over the current cards of every questionnaire of the cycle (every target group:
    the national figure), pillar by pillar code."""
    pillars = [p.code for p in questionnaire.parsed.pillars]
    if cycle is not None:
        cards = ScoreCard.objects.filter(response__cycle=cycle, questionnaire=F("response__questionnaire"))
    else:
        cards = ScoreCard.objects.filter(questionnaire=questionnaire, response__questionnaire=questionnaire)
    if kind:
        cards = cards.filter(response__agency__kind=kind)
    means = cards.aggregate(**{f"p{i}": Avg(node_score(code)) for i, code in enumerate(pillars)})
    return {code: means[f"p{i}"] for i, code in enumerate(pillars)}
