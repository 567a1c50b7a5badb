"""Set up the load database: the registry, the 2566 questionnaire and cycle, and one officer with a
response for each of N agencies; writes the officers' sign-in details for the load clients.

Run with the load settings: `python -m load.prepare --users 300 --output users.json`.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import timedelta

import django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--password", default="deadline-day-load-2566")
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness_portal.settings.load")
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from agencies.models import Agency, Membership, MembershipRole, User
    from surveys.models import Cycle, CycleTarget, Response

    call_command("migrate", verbosity=0)
    call_command(
        "import_agencies",
        "agencies/data/agencies.csv",
        "--ministries=agencies/data/ministries.csv",
        "--provinces=agencies/data/provinces.csv",
        verbosity=0,
    )
    call_command(
        "import_questionnaire", "surveys/questionnaires/dg-readiness-2566.yaml", publish=True, verbosity=0
    )
    today = timezone.localdate()
    call_command(
        "open_cycle",
        year=2566,
        questionnaire="dg-readiness-2566",
        opens=today - timedelta(days=60),
        closes=today + timedelta(days=1),
        verbosity=0,
    )
    cycle = Cycle.objects.get(year=2566)
    registry = list(Agency.objects.order_by("code"))
    # Officers go round the registry; an agency with two officers splits its questions between them
    # (by position), so no two simulated people ever edit the same answer.
    agencies = [registry[n % len(registry)] for n in range(args.users)]
    template = User(email="template@example.com")
    template.set_password(args.password)  # hashed once (the production hasher), shared by all
    users = User.objects.bulk_create(
        [
            User(email=f"officer{n:03d}@load.example", full_name=f"Officer {n}", password=template.password)
            for n in range(len(agencies))
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, agency=a, role=MembershipRole.OFFICER)
            for u, a in zip(users, agencies, strict=True)
        ]
    )
    distinct = list({a.pk: a for a in agencies}.values())
    CycleTarget.objects.bulk_create(
        [CycleTarget(cycle=cycle, agency=a) for a in distinct], ignore_conflicts=True
    )
    Response.objects.bulk_create(
        [Response(cycle=cycle, agency=a, questionnaire=cycle.questionnaire) for a in distinct],
        ignore_conflicts=True,  # opening the cycle may have made them already
    )
    by_agency = {r.agency_id: r for r in Response.objects.filter(cycle=cycle, agency__in=distinct)}
    sharing = {a.pk: agencies.count(a) for a in distinct}
    officers = [
        {
            "email": u.email,
            "password": args.password,
            "response": str(by_agency[a.pk].public_id),
            "share": [n // len(registry), sharing[a.pk]],
        }
        for n, (u, a) in enumerate(zip(users, agencies, strict=True))
    ]
    with open(args.output, "w") as handle:
        json.dump({"questionnaire": _questions(cycle.questionnaire.parsed), "officers": officers}, handle)
    print(f"prepared {len(officers)} officers of {len(distinct)} agencies, each with their agency's response")


def _questions(definition) -> list[dict]:
    """The questions the clients answer: pillar, code, type and the values they may send."""
    found = []
    for pillar in definition.pillars:
        for q in _pillar_questions(pillar):
            if q.visible_if or q.type in ("file", "date"):
                continue
            values = [c.code for c in q.choices if not c.na] if q.choices else []
            low, high = q.min if q.min is not None else 0, q.max if q.max is not None else 500
            found.append(
                {
                    "pillar": pillar.code,
                    "code": q.code,
                    "type": q.type,
                    "values": values,
                    "min": low,
                    "max": high,
                }
            )
    return found


def _pillar_questions(pillar) -> list:
    return [*pillar.questions, *(q for ind in pillar.indicators for q in ind.questions)]


if __name__ == "__main__":
    main()
