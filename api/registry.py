"""Cycles, agencies and questionnaires: what every signed-in person may read (agencies: those who
read across agencies, as the registry page)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import CursorPagination, paginate

from agencies.models import AgencyKind, ApiScope
from agencies.selectors import agencies_with_history
from api.auth import require_all_agencies, require_scope
from api.schemas import READ_ERRORS, AgencyOut, CycleOut, QuestionnaireDetail, QuestionnaireOut
from surveys.models import Cycle, Questionnaire

router = Router(tags=["registry"])


def cycle_out(cycle: Cycle) -> CycleOut:
    return CycleOut(
        year=cycle.year,
        questionnaire=cycle.questionnaire.code,
        opens_on=cycle.opens_on,
        closes_on=cycle.closes_on,
        scores_visible_to_agencies=cycle.scores_visible_to_agencies,
    )


@router.get("/cycles", response={200: list[CycleOut], **READ_ERRORS}, summary="Survey cycles")
def list_cycles(request: HttpRequest):
    require_scope(request, ApiScope.READ)
    return [cycle_out(c) for c in Cycle.objects.select_related("questionnaire").order_by("year")]


@router.get("/cycles/{int:year}", response={200: CycleOut, **READ_ERRORS}, summary="One cycle")
def get_cycle(request: HttpRequest, year: int):
    require_scope(request, ApiScope.READ)
    return cycle_out(get_object_or_404(Cycle.objects.select_related("questionnaire"), year=year))


@router.get("/agencies", response={200: list[AgencyOut], **READ_ERRORS}, summary="The agency registry")
@paginate(CursorPagination, ordering=("code",), page_size=100)
def list_agencies(request: HttpRequest, kind: AgencyKind | None = None, ministry: str | None = None):
    require_all_agencies(request)
    found = agencies_with_history().order_by("code")
    if kind:
        found = found.filter(kind=kind)
    if ministry:
        found = found.filter(ministry__code=ministry)
    return found


@router.get(
    "/agencies/{agency}",
    response={200: AgencyOut, **READ_ERRORS},
    summary="One agency, with its name history",
)
def get_agency(request: HttpRequest, agency: str):
    require_all_agencies(request)
    return get_object_or_404(agencies_with_history(), code=agency)


@router.get(
    "/questionnaires", response={200: list[QuestionnaireOut], **READ_ERRORS}, summary="Questionnaires"
)
def list_questionnaires(request: HttpRequest):
    require_scope(request, ApiScope.READ)
    return list(Questionnaire.objects.defer("definition").order_by("code"))


@router.get(
    "/questionnaires/{code}",
    response={200: QuestionnaireDetail, **READ_ERRORS},
    summary="A questionnaire with its definition (JSON)",
)
def get_questionnaire(request: HttpRequest, code: str):
    require_scope(request, ApiScope.READ)
    return get_object_or_404(Questionnaire, code=code)
