"""Several writes in one round trip to the database: what the autosave, the form's hottest path,
sends after it has locked its response (the answer, its history row, its audit row).

The ORM sends each INSERT and UPDATE on its own, compiling each again: three of them cost an
autosave more Python than all the rest of its writing, and two round trips more. Here a model's
statement is written once per process from its `_meta`, and each value goes through what the
ORM itself applies before saving (`Field.pre_save`, then `Field.get_db_prep_save`), so the rows
are the ORM's. On PostgreSQL the statements go out as one (psycopg2 sends a string of several
statements in one message); SQLite, which runs in-process, takes them one by one.
tests/common/test_writes.py holds the rows to the ORM's on both databases.

No signal is sent (`pre_save`, `post_save`): for models nothing listens to."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from django.db import connections, router
from django.db.models import Field, Model

from common.columns import column

Statement = tuple[str, list[Any]]


@cache
def _insert_fields(model: type[Model]) -> tuple[Field, ...]:
    """The fields an INSERT of the model writes: every concrete one but an automatic key."""
    auto = model._meta.auto_field
    return tuple(field for field in model._meta.concrete_fields if field is not auto)


@cache
def _insert_sql(model: type[Model], vendor: str) -> str:
    """Per model and database vendor (the key: the quoting is the vendor's)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    fields = _insert_fields(model)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608


def insert(instance: Model) -> Statement:
    """The INSERT the ORM would send for an unsaved instance (its automatic key left to the
    database; it is not read back, so the instance keeps no key)."""
    model = type(instance)
    connection = connections[router.db_for_write(model)]
    values = [
        field.get_db_prep_save(field.pre_save(instance, True), connection) for field in _insert_fields(model)
    ]
    return _insert_sql(model, connection.vendor), values


@cache
def _update_sql(model: type[Model], names: tuple[str, ...], vendor: str) -> str:
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(f"{quote(column(model, name))} = %s" for name in names)
    key = quote(str(meta.pk.column))
    return f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {key} = %s"  # noqa: S608


def update(instance: Model, names: Sequence[str]) -> Statement:
    """The UPDATE of the named fields of a saved instance, by its key, with the values it holds
    (an `auto_now` field among them takes the time now, as `save(update_fields=…)` does)."""
    model = type(instance)
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in names]
    values = [
        field.get_db_prep_save(field.pre_save(instance, False), connection)  # type: ignore[union-attr]
        for field in fields
    ]
    return _update_sql(model, tuple(names), connection.vendor), [*values, instance.pk]


def run_at_once(statements: Sequence[Statement], *, using: str = "default") -> None:
    """Run the statements in order, in one round trip where the database takes several at once.
    Call inside the transaction they belong to: a failing one fails the transaction."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "; ".join(sql for sql, _params in statements), [p for _sql, ps in statements for p in ps]
            )
            return
        for sql, params in statements:
            cursor.execute(sql, params)
