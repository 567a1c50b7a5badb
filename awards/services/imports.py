"""Importing award files: validated whole against the questionnaire and registry, written all or nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from agencies.models import Agency, AgencyKind
from awards.domain.spec import AwardsSpec, CategorySpec, Context, parse_awards
from awards.models import Awards, Category
from common.problems import DefinitionError, Problem
from surveys.domain.definition import Definition
from surveys.models import Questionnaire, ResponseStatus


def node_kinds(definition: Definition) -> dict[str, str]:
    nodes: dict[str, str] = {}
    for pillar in definition.pillars:
        nodes[pillar.code] = "pillar"
        for indicator in pillar.indicators:
            nodes[indicator.code] = "indicator"
    return nodes


def context_for(questionnaire: Questionnaire | None) -> Context:
    return Context(
        nodes=node_kinds(questionnaire.parsed) if questionnaire else {},
        kinds=set(AgencyKind.values),
        statuses=set(ResponseStatus.values),
        agencies=set(Agency.objects.values_list("code", flat=True)),
    )


def awards_import(*, data: dict[str, Any]) -> Awards:
    """Create or replace an award file and its categories. Published categories are kept."""
    code = data.get("questionnaire") if isinstance(data, dict) else None
    questionnaire = Questionnaire.objects.filter(code=code).first() if isinstance(code, str) else None
    try:
        spec = parse_awards(data, context_for(questionnaire))
    except DefinitionError as exc:
        problems = list(exc.problems)
    else:
        problems = []
    if questionnaire is None and isinstance(code, str) and code:
        problems.insert(0, Problem("questionnaire", f"no questionnaire with code {code!r}; import it first"))
    if problems or questionnaire is None:  # no questionnaire is always a problem, above or in the spec
        raise DefinitionError(problems)
    with transaction.atomic():
        awards, _ = Awards.objects.update_or_create(
            code=spec.code,
            defaults={
                "questionnaire": questionnaire,
                "title_th": spec.title.th if spec.title else spec.code,
                "title_en": spec.title.en if spec.title else "",
                "source": data,
            },
        )
        _replace_categories(awards, spec)
    return awards


def _replace_categories(awards: Awards, spec: AwardsSpec) -> None:
    wanted = {c.code for c in spec.categories}
    gone = awards.categories.exclude(code__in=wanted)
    published = sorted(gone.filter(publications__isnull=False).values_list("code", flat=True).distinct())
    if published:
        raise DefinitionError(
            [Problem("categories", f"published category {c!r} cannot be removed") for c in published]
        )
    gone.delete()
    for position, category in enumerate(spec.categories):
        fields = {"position": position, **category_fields(category)}
        if category.basis != "panel":
            fields["panel_closed_at"] = None
        Category.objects.update_or_create(awards=awards, code=category.code, defaults=fields)


def category_fields(spec: CategorySpec) -> dict[str, Any]:
    """The model fields that hold a parsed category (also what the admin form saves)."""
    return {
        "title_th": spec.title.th,
        "title_en": spec.title.en,
        "description_th": spec.description.th if spec.description else "",
        "description_en": spec.description.en if spec.description else "",
        "basis": spec.basis,
        "node": spec.node,
        "eligibility": spec.rules.to_dict(),
        "precision": spec.precision,
        "winners": spec.winners,
        "compare_to": spec.compare_to,
        "rubric": [c.to_dict() for c in spec.rubric],
        "shortlist": list(spec.shortlist),
    }
