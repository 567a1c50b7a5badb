"""What the pillar page (and the whole response's page) shows beside each question, read in one
statement: the answers and who changed each last, the evidence files, DGA's comments and the
agency's answers of the previous cycle.

The ORM's four queries (surveys.selectors.responses) cost ~3 ms of compiling and building models
on a page whose budget is 15 ms; this reads the same rows for ~0.5 ms. Both databases read the
same SQL; only table names from the models' Meta are formatted in, every value is a parameter,
and values come out through the ORM's own converters (surveys.models.loading.converted).
tests/surveys/selectors/test_pillar.py holds it to the ORM selectors' answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.db import connections

from agencies.models import User
from surveys.models import Answer, Cycle, Evidence, Response, ReviewComment
from surveys.models.loading import ColumnConverters, column_converters, converted


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
        f" e.review_state, e.review_note, e.id, e.public_id FROM {evidence} e"
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


@dataclass(frozen=True)
class _Converting:
    """What the ORM applies to the columns that need it: a stored answer (read as text), a
    timestamp, a file's public id."""

    value: ColumnConverters
    moment: ColumnConverters
    public_id: ColumnConverters


@cache
def _converting(vendor: str) -> _Converting:
    """Per database vendor (the key), once per process."""
    return _Converting(
        column_converters(Answer._meta.get_field("value"), "a"),
        column_converters(Answer._meta.get_field("updated_at"), "a"),
        column_converters(Evidence._meta.get_field("public_id"), "e"),
    )


class _People(dict[int, User]):
    """The people a page names, one model each: most of a page's answers were changed by the same
    one or two officers, and a User is the costliest model to build (~17 µs, 13 fields)."""

    def get_person(self, pk: int | None, full_name: str | None, email: str | None) -> User | None:
        if pk is None:
            return None
        person = self.get(pk)
        if person is None:
            person = self[pk] = User(pk=pk, full_name=full_name or "", email=email or "")
        return person


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
    converting = _converting(connection.vendor)
    people = _People()

    def when(moment: Any) -> Any:
        return converted(moment, converting.moment, connection)

    for kind, code, text, number, moment, first, second, pk, public_id in rows:
        if kind == "a":
            answer = Answer(
                response_id=response.pk,
                question_code=code,
                value=converted(text, converting.value, connection),
                version=number,
                updated_by_id=pk,
                updated_at=when(moment),
            )
            answer.updated_by = people.get_person(pk, first, second)
            facts.answers[code] = answer
        elif kind == "e":
            evidence[code].append(
                Evidence(
                    pk=pk,
                    public_id=converted(public_id, converting.public_id, connection),
                    response_id=response.pk,
                    question_code=code,
                    original_name=text,
                    size=number,
                    uploaded_at=when(moment),
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
                created_at=when(moment),
            )
            comment.author = people.get_person(pk, first, second)
            comments[code].append(comment)
        else:
            value = converted(text, converting.value, connection)
            if value not in (None, "", []):
                facts.previous[code] = value
    facts.evidence = {
        code: sorted(files, key=lambda e: (e.uploaded_at, e.pk)) for code, files in evidence.items()
    }
    facts.comments = {
        code: sorted(said, key=lambda c: (c.created_at, c.pk)) for code, said in comments.items()
    }
    return facts
