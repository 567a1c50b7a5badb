"""One response by its public id, with its questionnaire (without the definition's JSON), cycle,
agency deadline and (for a page that names it) agency: the read every response page and every
autosave starts with, in one plain statement.

Through the ORM this read cost ~2.5 ms, nearly all of it building and compiling the query (three
joins, a deferred field, two subqueries), on pages whose budget is 15 ms and saves whose budget is
8 ms. Here the statement is written once per process from the models' own fields, and each value
goes through the converters the ORM itself would apply (`get_db_converters`), so the models come
out as the ORM builds them (Model.from_db). tests/surveys/test_loading.py holds it
to the ORM's answer on both databases."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from django.db import connections
from django.db.models import Field, Model

from agencies.models import Agency, AgencyName, Membership
from common.columns import column
from surveys.models.cycle import Cycle, CycleTarget
from surveys.models.questionnaire import Questionnaire
from surveys.models.response import Answer, Response

Converter = Callable[[Any, Any, Any], Any]
# A field's column (an expression the converters are given) and the converters of its values.
ColumnConverters = tuple[Any, list[Converter]]


@dataclass(frozen=True)
class _Part:
    """One model's columns in the statement, under a table alias."""

    model: type[Model]
    alias: str
    fields: tuple[Field, ...]

    def columns(self, quote: Callable[[str], str]) -> list[str]:
        return [f"{self.alias}.{quote(str(field.column))}" for field in self.fields]


def _part(model: type[Model], alias: str, *, leave_out: Sequence[str] = ()) -> _Part:
    return _Part(model, alias, tuple(f for f in model._meta.concrete_fields if f.name not in leave_out))


def column_converters(field: Field, alias: str) -> ColumnConverters:
    """What the ORM applies to the field's column when it reads it: the backend's, then the field's."""
    connection = connections[Response.objects.db]
    column = field.get_col(alias)
    return column, [*connection.ops.get_db_converters(column), *field.get_db_converters(connection)]


@dataclass(frozen=True)
class _Statement:
    sql: str
    parts: tuple[_Part, ...]
    # Only the columns whose values need converting (most come from the driver as they are), by
    # their place in the row.
    converters: tuple[tuple[int, ColumnConverters], ...]
    deadline: ColumnConverters


@cache
def _statement(vendor: str, named: bool, locked: bool = False, member: bool = False) -> _Statement:
    """The statement and its converters, for a database vendor (the key: the SQL and converters
    are the vendor's); built once per process. `member`: a person's memberships, every (agency
    id, role) pair of them as one JSON array (none: NULL or []), in a column after the
    response's; the person's id is the first parameter. `locked`: the response's row locked, and
    its answers (id, question code, value, version) as the last columns, one row each (or one
    row of NULLs), for an autosave."""
    connection = connections[Response.objects.db]
    quote = connection.ops.quote_name
    parts = [
        _part(Response, "r"),
        _part(Questionnaire, "q", leave_out=("definition",)),
        _part(Cycle, "c"),
    ]
    if named:
        parts.append(_part(Agency, "a"))
    columns = [column for part in parts for column in part.columns(quote)]
    target, name = CycleTarget._meta, AgencyName._meta
    deadline_field = target.get_field("deadline")
    columns.append(
        f"(SELECT t.{quote(str(deadline_field.column))} FROM {quote(target.db_table)} t"  # noqa: S608
        " WHERE t.cycle_id = r.cycle_id AND t.agency_id = r.agency_id)"
    )
    if named:  # whether the agency ever bore another name (most never did: no query of them)
        columns.append(f"EXISTS (SELECT 1 FROM {quote(name.db_table)} n WHERE n.agency_id = r.agency_id)")  # noqa: S608
    joins = [
        f"FROM {quote(Response._meta.db_table)} r",
        f"JOIN {quote(Questionnaire._meta.db_table)} q ON q.id = r.questionnaire_id",
        f"LEFT JOIN {quote(Cycle._meta.db_table)} c ON c.id = r.cycle_id",
    ]
    if named:
        joins.append(f"JOIN {quote(Agency._meta.db_table)} a ON a.id = r.agency_id")
    lock = ""
    if member:
        agency, role, user = (quote(column(Membership, n)) for n in ("agency", "role", "user"))
        pairs = (
            f"json_agg(json_build_array(m.{agency}, m.{role}))"
            if connection.vendor == "postgresql"
            else f"json_group_array(json_array(m.{agency}, m.{role}))"  # SQLite's JSON1
        )
        columns.append(f"(SELECT {pairs} FROM {quote(Membership._meta.db_table)} m WHERE m.{user} = %s)")  # noqa: S608
    if locked:
        columns += ["ans.id", "ans.question_code", "ans.value", "ans.version"]
        joins.append(f"LEFT JOIN {quote(Answer._meta.db_table)} ans ON ans.response_id = r.id")
        lock = " FOR UPDATE OF r" if connection.features.has_select_for_update_of else ""
    sql = f"SELECT {', '.join(columns)} {' '.join(joins)} WHERE r.public_id = %s{lock}"
    columns_of = [column_converters(field, part.alias) for part in parts for field in part.fields]
    converters = tuple((at, found) for at, found in enumerate(columns_of) if found[1])
    return _Statement(sql, tuple(parts), converters, column_converters(deadline_field, "t"))


def converted(value: Any, column_and_converters: ColumnConverters, connection: Any) -> Any:
    """A value of a raw row as the ORM would hand it over (column_converters gives what to apply)."""
    column, converters = column_and_converters
    for convert in converters:
        value = convert(value, column, connection)
    return value


def response_with_context(public_id: uuid.UUID | str, *, named: bool) -> Response | None:
    """The response with its questionnaire (definition deferred), cycle, `agency_deadline` (its
    agency's extension, or None) and, if `named`, its agency and `renamed` (whether the agency
    ever bore another name); None if there is none. ValueError for an id that is no UUID."""
    rows = _read(public_id, named=named, locked=False)
    return _built(rows[0], named=named) if rows else None


Pairs = list[tuple[int, str]]
# A response's answers as an autosave reads them under the response's lock: (pk, question code,
# value, version) each.
HeldAnswers = list[tuple[int, str, Any, int]]


def response_with_memberships(
    public_id: uuid.UUID | str, *, named: bool, user_id: int
) -> tuple[Response | None, Pairs]:
    """`response_with_context`, and in the same statement the (agency id, role) pairs of a
    person's memberships, every agency's (a page's navigation and object rule read them: one
    round trip fewer). No pairs when there is no such response."""
    rows = _read(public_id, named=named, locked=False, user_id=user_id)
    if not rows:
        return None, []
    return _built(rows[0][:-1], named=named), _pairs(rows[0][-1])


class LockedRead(NamedTuple):
    """What an autosave reads in its one statement: the response, its answers as (pk, question
    code, value, version) and, when asked for, the person's memberships (None: not asked)."""

    response: Response
    answers: HeldAnswers
    memberships: Pairs | None


def response_locked_with_answers(
    public_id: uuid.UUID | str, *, user_id: int | None = None
) -> LockedRead | None:
    """An autosave's one read: the response as `response_with_context(named=False)` builds it,
    its row locked until the transaction ends, its answers and, with a `user_id`, that person's
    memberships, in one statement; None if there is none. Call inside transaction.atomic(). The
    lock orders every writer of the response's answers; SQLite has no row locks, and its write
    transactions (IMMEDIATE) already queue one behind the other."""
    rows = _read(public_id, named=False, locked=True, user_id=user_id)
    if not rows:
        return None
    answers = _held_answers(row[-4:] for row in rows)
    if user_id is None:
        return LockedRead(_built(rows[0][:-4], named=False), answers, None)
    return LockedRead(_built(rows[0][:-5], named=False), answers, _pairs(rows[0][-5]))


def _pairs(found: Any) -> Pairs:
    """The (agency id, role) pairs of the memberships' JSON array (PostgreSQL's driver hands JSON
    over decoded, SQLite's as text; no membership: NULL or [])."""
    decoded = json.loads(found) if isinstance(found, str | bytes) else found
    return [(int(agency_id), str(role)) for agency_id, role in decoded or ()]


def _held_answers(columns: Iterable[Sequence[Any]]) -> HeldAnswers:
    """The answers of the locked reads' last four columns (`ans.id, ans.question_code, ans.value,
    ans.version`; NULLs for a response without answers), each value as the ORM reads it."""
    connection = connections[Response.objects.db]
    value = _answer_value(connection.vendor)
    return [
        (pk, code, converted(stored, value, connection), version)
        for pk, code, stored, version in columns
        if pk is not None
    ]


@cache
def _answer_value(vendor: str) -> ColumnConverters:
    return column_converters(Answer._meta.get_field("value"), "ans")


def _read(
    public_id: uuid.UUID | str, *, named: bool, locked: bool, user_id: int | None = None
) -> list[tuple]:
    key = public_id if isinstance(public_id, uuid.UUID) else uuid.UUID(str(public_id))
    connection = connections[Response.objects.db]
    statement = _statement(connection.vendor, named, locked, member=user_id is not None)
    param = Response._meta.get_field("public_id").get_db_prep_value(key, connection)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [param] if user_id is None else [user_id, param])
        return cursor.fetchall()


def _built(row: Sequence[Any], *, named: bool) -> Response:
    connection = connections[Response.objects.db]
    statement = _statement(connection.vendor, named)
    values = list(row)  # its last columns (the deadline, whether renamed) are not the models'
    for at, convert in statement.converters:
        values[at] = converted(values[at], convert, connection)
    built: list[Model] = []
    at = 0
    for part in statement.parts:
        names = [field.attname for field in part.fields]
        chunk = values[at : at + len(part.fields)]
        at += len(part.fields)
        # A cycle's columns are all NULL when the response has none (the LEFT JOIN).
        built.append(part.model.from_db(connection.alias, names, chunk) if chunk[0] is not None else None)  # type: ignore[arg-type]
    response, questionnaire, cycle = built[0], built[1], built[2]
    if not isinstance(response, Response):
        raise TypeError(response)
    response.questionnaire = questionnaire  # type: ignore[assignment]
    response.cycle = cycle  # type: ignore[assignment]
    response.agency_deadline = converted(row[at], statement.deadline, connection)  # type: ignore[attr-defined]
    if named:
        response.agency = built[3]  # type: ignore[assignment]
        response.renamed = bool(row[at + 1])  # type: ignore[attr-defined]
    return response


def lock_with_answers(response_id: int) -> tuple[str, HeldAnswers]:
    """The response's status, read under a lock on its row that holds until the transaction ends,
    and its answers as (pk, question code, value, version), in one statement: what an autosave
    reads before it writes (the lock orders every writer of the response's answers). SQLite has
    no row locks: its write transactions (IMMEDIATE) already queue one behind the other."""
    connection = connections[Response.objects.db]
    with connection.cursor() as cursor:
        cursor.execute(_lock_statement(connection.vendor), [response_id])
        rows = cursor.fetchall()
    if not rows:
        raise Response.DoesNotExist(response_id)
    return rows[0][0], _held_answers(row[1:] for row in rows)


@cache
def _lock_statement(vendor: str) -> str:
    connection = connections[Response.objects.db]
    quote = connection.ops.quote_name
    lock = " FOR UPDATE OF r" if connection.features.has_select_for_update_of else ""
    return (
        "SELECT r.status, ans.id, ans.question_code, ans.value, ans.version"  # noqa: S608
        f" FROM {quote(Response._meta.db_table)} r"
        f" LEFT JOIN {quote(Answer._meta.db_table)} ans ON ans.response_id = r.id WHERE r.id = %s{lock}"
    )
