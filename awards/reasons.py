"""Reasons of the ranking in words, for pages and exports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from agencies.models import AgencyKind
from common.formats import percent_text
from surveys.models import ResponseStatus


def kind_words(kind: Any) -> str:
    """An agency kind's label ("Department level"), its code only if unknown."""
    return str(AgencyKind(kind).label) if kind in AgencyKind.values else str(kind)


def status_words(status: Any) -> str:
    """A response status's label ("Under review"), its code only if unknown."""
    return str(ResponseStatus(status).label) if status in ResponseStatus.values else str(status)


def describe(reason: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    """One reason in words; `titles` names earlier questionnaires by title rather than code."""
    code = reason.get("code")
    if code == "kind":
        return _("not in this category's group (kind %(kind)s)") % {"kind": kind_words(reason.get("kind"))}
    if code == "status":
        return _("response status is “%(status)s”; the category needs %(allowed)s") % {
            "status": status_words(reason.get("status")),
            "allowed": ", ".join(status_words(s) for s in reason.get("allowed") or ()),
        }
    if code == "min_total":
        return _("total %(score)s is below the minimum %(min)s") % {
            "score": percent_text(reason.get("score")),
            "min": percent_text(reason.get("min")),
        }
    if code == "min_pillar":
        return _("%(pillar)s score %(score)s is below the minimum %(min)s") % {
            "pillar": reason.get("pillar"),
            "score": percent_text(reason.get("score")),
            "min": percent_text(reason.get("min")),
        }
    if code == "no_score":
        return _("no score")
    if code == "no_previous":
        return _("no result on %(compare_to)s to compare with") % {
            "compare_to": _titled(reason.get("compare_to"), titles)
        }
    if code == "no_panel_score":
        return _("no panel score yet")
    return str(code)


def describe_all(
    reasons: Iterable[Mapping[str, Any]],
    detail: Mapping[str, Any] | None = None,
    titles: Mapping[str, str] | None = None,
) -> list[str]:
    """Every reason in words; for a ranked entry, what its score is made of."""
    found = [describe(r, titles) for r in reasons]
    if not found and detail:
        found.append(explain_score(detail, titles))
    return [f for f in found if f]


def _titled(code: Any, titles: Mapping[str, str] | None) -> str:
    return (titles or {}).get(str(code)) or str(code)


def explain_score(detail: Mapping[str, Any], titles: Mapping[str, str] | None = None) -> str:
    if "previous" in detail:
        return _("total %(total)s minus %(previous)s on %(compare_to)s") % {
            "total": percent_text(detail.get("total")),
            "previous": percent_text(detail.get("previous")),
            "compare_to": _titled(detail.get("compare_to"), titles),
        }
    if "evaluators" in detail:
        return _("mean of %(n)s evaluators' scores") % {"n": detail["evaluators"]}
    return ""
