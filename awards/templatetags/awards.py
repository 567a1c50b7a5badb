"""Display helpers of the award pages."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from awards.models import Category
from awards.reasons import describe_all, explain_score, kind_words, status_words
from common.formats import percent
from surveys.models import Questionnaire

register = template.Library()


@register.filter
def award_score(value: Decimal | float | None, category: Category) -> str:
    """A ranked score as people read it: a percentage with the digits the category keeps."""
    if value is None or value == "":
        return "—"
    digits = max(0, category.precision - 2)
    if category.basis == "improvement":
        return _("%(points)s points") % {"points": percent(value, digits)}
    return percent(value, digits) + "%"


@register.filter
def reasons_text(reasons: list, category: Category | None = None) -> list[str]:
    """The reasons in words; with the category, its earlier questionnaire by its title."""
    return describe_all(reasons or [], titles=compared_titles(category))


def compared_titles(category: Category | None) -> dict[str, str]:
    """{code: title} of the questionnaire an improvement category compares with; looked up once
    per category object, however many entries a page explains."""
    if category is None or not category.spec.compare_to:
        return {}
    cached = getattr(category, "_compared_titles", None)
    if cached is None:
        code = category.spec.compare_to
        found = Questionnaire.objects.filter(code=code).only("title_th", "title_en").first()
        cached = {code: found.title} if found else {}
        category._compared_titles = cached  # type: ignore[attr-defined]
    return cached


@register.filter
def eligibility_text(category: Category) -> str:
    rules = category.spec.rules
    parts = [
        _("Eligible: responses %(statuses)s")
        % {"statuses": ", ".join(status_words(s) for s in rules.statuses)}
    ]
    if rules.kinds:
        parts.append(_("kinds %(kinds)s") % {"kinds": ", ".join(kind_words(k) for k in rules.kinds)})
    if rules.min_total is not None:
        parts.append(_("total at least %(min)s%%") % {"min": percent(rules.min_total, trim=True)})
    for code, minimum in rules.min_pillars.items():
        parts.append(_("%(code)s at least %(min)s%%") % {"code": code, "min": percent(minimum, trim=True)})
    if category.shortlist:
        parts.append(_("shortlist of %(n)d agencies") % {"n": len(category.shortlist)})
    return "; ".join(parts) + "."


@register.filter
def score_detail(detail: dict | None, category: Category | None = None) -> str:
    return explain_score(detail or {}, titles=compared_titles(category))


@register.filter
def reason_codes(reasons: list | None) -> list[str]:
    return [r.get("code") for r in reasons or []]
