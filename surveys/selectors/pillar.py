"""What the pillar page (and the whole response's page) shows beside each question, read in one
statement: the answers and who changed each last, the evidence files, DGA's comments and the
agency's answers of the previous cycle.

The ORM's four queries (surveys.selectors.responses) cost ~3 ms of compiling and building models
on a page whose budget is 15 ms; this reads the same rows for ~0.5 ms. Both databases read the
same SQL; only table names from the models' Meta are formatted in, every value is a parameter.
tests/surveys/selectors/test_pillar.py holds it to the ORM selectors' answers."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import connections
from django.utils.dateparse import parse_datetime

from agencies.models import User
from surveys.models import Answer, Cycle, Evidence, Response, ReviewComment


def previous_cycle_sql() -> str:
    """The cycle before a year (the one parameter): the latest with a smaller year. The rule of
    surveys.selectors.responses.previous_answers, as SQL for the statements that read it raw."""
    return f"(SELECT y.id FROM {Cycle._meta.db_table} y WHERE y.year < %s ORDER BY y.year DESC LIMIT 1)"  # noqa: S608


def _facts_sql() -> str:
    answer, evidence, comment = Answer._meta.db_table, Evidence._meta.db_table, ReviewComment._meta.db_table
    user, response = User._meta.db_table, Response._meta.db_table
    # One shape for every kind of row: kind, question, text, number, moment, two texts, an id, a uuid.
    return (
        "SELECT 'a', a.question_code, CAST(a.value AS TEXT), a.version, a.updated_at,"  # noqa: S608
        f" u.full_name, u.email, a.updated_by_id, NULL FROM {answer} a"
        f" LEFT JOIN {user} u ON u.id = a.updated_by_id WHERE a.response_id = %s"
        " UNION ALL SELECT 'e', e.question_code, e.original_name, e.size, e.uploaded_at,"
        f" e.review_state, e.review_note, e.id, CAST(e.public_id AS TEXT) FROM {evidence} e"
        " WHERE e.response_id = %s"
        " UNION ALL SELECT 'c', c.question_code, c.body, c.id, c.created_at,"
        f" u.full_name, u.email, c.author_id, NULL FROM {comment} c"
        f" LEFT JOIN {user} u ON u.id = c.author_id WHERE c.response_id = %s"
        " UNION ALL SELECT 'p', a.question_code, CAST(a.value AS TEXT), NULL, NULL, NULL, NULL, NULL, NULL"
        f" FROM {answer} a JOIN {response} r ON r.id = a.response_id"
        f" WHERE r.agency_id = %s AND r.cycle_id = {previous_cycle_sql()}"
    )


@dataclass
class PillarFacts:
    answers: dict[str, Answer] = field(default_factory=dict)
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    comments: dict[str, list[ReviewComment]] = field(default_factory=dict)
    previous: dict[str, Any] = field(default_factory=dict)


def _moment(value: Any) -> datetime:
    """A timestamp as the database gave it: PostgreSQL an aware datetime, SQLite a naive one (or
    its text) in UTC."""
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        raise ValueError(f"not a timestamp: {value!r}")
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _person(pk: int | None, full_name: str | None, email: str | None) -> User | None:
    return User(pk=pk, full_name=full_name or "", email=email or "") if pk is not None else None


def pillar_facts(*, response: Response) -> PillarFacts:
    """The response's answers (with their last author), evidence and comments by question code,
    each list in the order it was added, and the agency's non-empty answers of the previous cycle.
    The models are built with what the pages show of them, to be read, never saved."""
    connection = connections[Response.objects.db]
    year = response.cycle.year if response.cycle is not None else -1  # no cycle: no earlier year
    with connection.cursor() as cursor:
        cursor.execute(_facts_sql(), [response.pk, response.pk, response.pk, response.agency_id, year])
        rows = cursor.fetchall()
    facts = PillarFacts()
    evidence: defaultdict[str, list[Evidence]] = defaultdict(list)
    comments: defaultdict[str, list[ReviewComment]] = defaultdict(list)
    for kind, code, text, number, moment, first, second, pk, public_id in rows:
        if kind == "a":
            answer = Answer(
                response_id=response.pk,
                question_code=code,
                value=json.loads(text),
                version=number,
                updated_by_id=pk,
                updated_at=_moment(moment),
            )
            answer.updated_by = _person(pk, first, second)
            facts.answers[code] = answer
        elif kind == "e":
            evidence[code].append(
                Evidence(
                    pk=pk,
                    public_id=uuid.UUID(public_id),
                    response_id=response.pk,
                    question_code=code,
                    original_name=text,
                    size=number,
                    uploaded_at=_moment(moment),
                    review_state=first,
                    review_note=second or "",
                )
            )
        elif kind == "c":
            comment = ReviewComment(
                pk=number,
                response_id=response.pk,
                question_code=code,
                body=text,
                author_id=pk,
                created_at=_moment(moment),
            )
            comment.author = _person(pk, first, second)
            comments[code].append(comment)
        else:
            value = json.loads(text)
            if value not in (None, "", []):
                facts.previous[code] = value
    facts.evidence = {
        code: sorted(files, key=lambda e: (e.uploaded_at, e.pk)) for code, files in evidence.items()
    }
    facts.comments = {
        code: sorted(said, key=lambda c: (c.created_at, c.pk)) for code, said in comments.items()
    }
    return facts
