"""Who a panel scores: the shortlist of a category, and the conflict-of-interest rule."""

from __future__ import annotations

from agencies.models import Agency, User
from awards.domain.candidates import rank_category
from awards.models import Category
from awards.selectors import inputs


def evaluator_conflicts(*, evaluator: User, agency: Agency) -> bool:
    """The conflict-of-interest rule: nobody scores an agency of their own ministry."""
    return evaluator.affiliation_id is not None and evaluator.affiliation_id == agency.ministry_id


def panel_shortlist(*, category: Category) -> list[str]:
    """Agency codes the panel scores: the explicit shortlist, or every eligible agency of the category."""
    spec = category.spec
    if spec.shortlist:
        return list(spec.shortlist)
    loaded = inputs.load_facts(
        questionnaire_id=category.awards.questionnaire_id, nodes=inputs.node_codes([category])
    )
    ranked = rank_category(spec, loaded.facts, panel={f.agency: [0.0] for f in loaded.facts})
    return [r.entry.agency for r in ranked if r.entry.eligible]
