"""Open data, with no sign-in: each published award category's winners and each published cycle's
statistics as CSV and JSON, and a DCAT catalogue (JSON-LD) describing them in Thai and English,
for CKAN's DCAT harvester."""

import csv
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Router

from api.auth import AddressThrottle
from api.awards import published
from api.schemas import Error, Invalid, PublishedOut, StatisticsOut
from api.statistics import published_statistics, statistics_csv
from awards.selectors.publication import cycles_published
from surveys.models import Cycle
from surveys.selectors.statistics import scored_at

router = Router(tags=["open data"], auth=None, throttle=[AddressThrottle()])
CSV_HEADER = ["rank", "agency_code", "agency_name_th", "agency_name_en"]
PUBLIC = {400: Error, 404: Error, 422: Invalid, 429: Error}  # 400: a NUL byte (middleware)
CSV_RESPONSE = {
    "responses": {200: {"description": "OK", "content": {"text/csv": {"schema": {"type": "string"}}}}}
}


def _category(awards: str, category: str) -> dict[str, Any]:
    found = next((p for p in published() if p["awards"] == awards and p["category"] == category), None)
    if found is None:
        raise Http404
    return found


@router.get(
    "/awards/{awards}/{category}/winners.json",
    response={200: PublishedOut, **PUBLIC},
    summary="A published award category's winners (JSON)",
)
def winners_json(request: HttpRequest, awards: str, category: str):
    return _category(awards, category)


@router.get(
    "/awards/{awards}/{category}/winners.csv",
    response={**PUBLIC},
    openapi_extra=CSV_RESPONSE,
    summary="A published award category's winners (CSV, UTF-8)",
)
def winners_csv(request: HttpRequest, awards: str, category: str):
    found = _category(awards, category)
    reply = HttpResponse(content_type="text/csv; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="{awards}-{category}-winners.csv"'
    writer = csv.writer(reply)
    writer.writerow(CSV_HEADER)
    for w in found["winners"]:
        writer.writerow([w["rank"] if w["rank"] is not None else "", *(w[k] for k in CSV_HEADER[1:])])
    return reply


@router.get(
    "/cycles/{int:year}/statistics.json",
    response={200: StatisticsOut, **PUBLIC},
    summary="A published cycle's statistics per target group (JSON)",
)
def statistics_json(request: HttpRequest, year: int):
    return published_statistics(year)


@router.get(
    "/cycles/{int:year}/statistics.csv",
    response={**PUBLIC},
    openapi_extra=CSV_RESPONSE,
    url_name="statistics_csv",
    summary="A published cycle's statistics per target group (CSV, UTF-8)",
)
def statistics_csv_file(request: HttpRequest, year: int):
    return statistics_csv(published_statistics(year))


def _texts(th: str, en: str) -> list[dict[str, str]]:
    return [{"@value": th, "@language": "th"}, {"@value": en or th, "@language": "en"}]


def _distributions(
    request: HttpRequest,
    url_name: str,
    args: dict[str, Any],
    title_th: str,
    title_en: str,
    *,
    licence: dict[str, str],
    modified: str,
) -> list[dict[str, Any]]:
    """A dataset's CSV and JSON distributions (`<url_name>_csv`, `<url_name>_json`)."""
    return [
        {
            "@type": "dcat:Distribution",
            "dct:title": _texts(f"{title_th} ({fmt})", f"{title_en} ({fmt})"),
            "dcat:downloadURL": {
                "@id": request.build_absolute_uri(reverse(f"{url_name}_{fmt.lower()}", kwargs=args))
            },
            "dcat:mediaType": media,
            "dct:format": fmt,
            "dct:license": licence,
            "dct:modified": modified,
        }
        for fmt, media in (("CSV", "text/csv"), ("JSON", "application/json"))
    ]


def _dataset(request: HttpRequest, item: dict[str, Any]) -> dict[str, Any]:
    args = {"awards": item["awards"], "category": item["category"]}
    modified = item["published_at"].isoformat()
    licence = {"@id": settings.OPEN_DATA_LICENCE_URL}
    distributions = _distributions(
        request,
        "api:winners",
        args,
        item["title_th"],
        item["title_en"] or item["title_th"],
        licence=licence,
        modified=modified,
    )
    return {
        "@id": request.build_absolute_uri(reverse("api:winners_json", kwargs=args)) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"{item['awards']}-{item['category']}",
        "dct:title": _texts(item["title_th"], item["title_en"]),
        "dct:description": _texts(
            f"ผู้ได้รับรางวัล {item['title_th']} ที่สำนักงานพัฒนารัฐบาลดิจิทัลประกาศ",
            f"The winners of {item['title_en'] or item['title_th']}, as published by DGA",
        ),
        "dct:publisher": _publisher(),
        "dct:license": licence,
        "dct:issued": modified,
        "dct:modified": modified,
        "dcat:keyword": ["digital government", "awards", "รัฐบาลดิจิทัล"],
        "dcat:distribution": distributions,
    }


def _statistics_dataset(request: HttpRequest, cycle: Cycle, published_at: datetime) -> dict[str, Any]:
    year = cycle.year
    last = scored_at(cycle=cycle)
    modified = max(published_at, last or published_at).isoformat()
    licence = {"@id": settings.OPEN_DATA_LICENCE_URL}
    title_th = f"สถิติการสำรวจความพร้อมรัฐบาลดิจิทัล ปี {year}"
    title_en = f"Digital government readiness survey {year}: statistics"
    distributions = _distributions(
        request, "api:statistics", {"year": year}, title_th, title_en, licence=licence, modified=modified
    )
    return {
        "@id": request.build_absolute_uri(reverse("api:statistics_json", kwargs={"year": year})) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": f"readiness-{year}-statistics",
        "dct:title": _texts(title_th, title_en),
        "dct:description": _texts(
            f"ผลการสำรวจความพร้อมรัฐบาลดิจิทัล ปี {year} แยกตามกลุ่มหน่วยงานเป้าหมาย: จำนวนหน่วยงานเป้าหมาย "
            "จำนวนที่ส่งแบบสำรวจ อัตราการตอบกลับ คะแนนเฉลี่ยรวมและรายมิติ และจำนวนหน่วยงานในแต่ละระดับ",
            f"The digital government readiness survey {year} by target group: target agencies, responses "
            "submitted, response rate, the mean total and pillar scores, and the agencies in each band",
        ),
        "dct:publisher": _publisher(),
        "dct:license": licence,
        "dct:issued": published_at.isoformat(),
        "dct:modified": modified,
        "dcat:keyword": ["digital government", "readiness survey", "statistics", "รัฐบาลดิจิทัล"],
        "dcat:distribution": distributions,
    }


def _publisher() -> dict[str, Any]:
    return {
        "@type": "foaf:Organization",
        "foaf:name": _texts("สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)", "Digital Government Development Agency"),
    }


def catalogue_of(request: HttpRequest) -> dict[str, Any]:
    items = published()
    cycles = cycles_published()
    datasets = [_dataset(request, item) for item in items]
    datasets += [_statistics_dataset(request, cycle, published_at) for cycle, published_at in cycles]
    modified = max((datetime.fromisoformat(d["dct:modified"]) for d in datasets), default=None)
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": request.build_absolute_uri(reverse("api:catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": _texts("ผลรางวัลรัฐบาลดิจิทัล: ข้อมูลเปิด", "Digital Government Awards: open data"),
        "dct:description": _texts(
            "ผลรางวัลรัฐบาลดิจิทัลที่ประกาศแล้ว แยกตามประเภทรางวัล และสถิติของแต่ละรอบการสำรวจที่ประกาศผลแล้ว "
            "ในรูปแบบ CSV และ JSON",
            "The published results of the Digital Government Awards, a dataset per category, and the "
            "statistics of each survey cycle whose results are published, in CSV and JSON",
        ),
        "dct:publisher": _publisher(),
        "dct:license": {"@id": settings.OPEN_DATA_LICENCE_URL},
        "dct:modified": modified.isoformat() if modified else None,
        "dcat:dataset": datasets,
    }


@router.get(
    "/catalogue.json",
    response={200: dict[str, Any], 400: Error, 429: Error},
    url_name="catalogue",
    summary="The open-data catalogue (DCAT, JSON-LD), for CKAN's harvester",
)
def catalogue(request: HttpRequest):
    return catalogue_of(request)
