"""Rankings (for those who read across agencies, as the award pages) and published results."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router

from agencies import roles
from agencies.models import ApiScope
from api.auth import require_all_agencies, require_scope
from api.schemas import READ_ERRORS, CategoryOut, PublishedOut
from awards.selectors import rankings

router = Router(tags=["awards"])


@router.get(
    "/awards/{awards}/{category}/ranking",
    response={200: CategoryOut, **READ_ERRORS},
    summary="A category's live ranking, with each agency's reasons",
)
def get_ranking(request: HttpRequest, awards: str, category: str):
    user = require_all_agencies(request)
    found = rankings.category_of(awards_code=awards, category_code=category)
    if found.panel_open and not roles.is_dga_admin(user):
        raise PermissionDenied  # panel scores stay hidden until the panel closes, as the export
    state = rankings.category_state(category=found)
    entries = [
        {
            "agency": e.agency.code,
            "position": e.position,
            "rank": e.rank,
            "score": float(e.score) if e.score is not None else None,
            "winner": e.winner,
            "eligible": e.eligible,
            "reasons": e.reasons,
        }
        for e in rankings.ranking_entries(ranking=state.ranking)
    ]
    return {
        "awards": found.awards.code,
        "code": found.code,
        "title_th": found.title_th,
        "title_en": found.title_en,
        "ranked_at": state.ranking.computed_at if state.ranking else None,
        "entries": entries,
    }


def published() -> list[dict]:
    """The public results page's content: each published category's latest winners."""
    return [
        {
            "awards": item.publication.category.awards.code,
            "category": item.publication.category.code,
            "title_th": item.publication.title_th,
            "title_en": item.publication.title_en,
            "published_at": item.publication.published_at,
            "winners": [
                {
                    "rank": w.rank,
                    "agency_code": w.agency_code,
                    "agency_name_th": w.agency_name_th,
                    "agency_name_en": w.agency_name_en,
                }
                for w in item.winners
            ],
        }
        for item in rankings.published_winners()
    ]


@router.get(
    "/published", response={200: list[PublishedOut], **READ_ERRORS}, summary="Published award results"
)
def list_published(request: HttpRequest):
    require_scope(request, ApiScope.READ)
    return published()
