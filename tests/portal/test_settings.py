"""Settings read from the environment fail loudly on a bad value, and `make setup` creates the
PostgreSQL database it is pointed at."""

import os
import uuid

import dj_database_url
import psycopg2
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from psycopg2 import sql

from readiness_portal import dbcreate
from readiness_portal.settings.env import env_bool, env_int, env_list, env_str


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("Yes", True), (" on ", True), ("0", False), ("", False)]
)
def test_a_boolean_setting_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("PORTAL_FLAG", raw)
    assert env_bool("PORTAL_FLAG") is expected


def test_a_boolean_setting_that_is_neither_is_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_FLAG='maybe' is not a boolean"):
        env_bool("PORTAL_FLAG")


def test_a_whole_number_setting_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("PORTAL_COUNT", "12.5")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("PORTAL_COUNT", 3)


def test_unset_settings_take_their_defaults(monkeypatch):
    monkeypatch.delenv("PORTAL_UNSET", raising=False)
    assert (env_bool("PORTAL_UNSET", True), env_int("PORTAL_UNSET", 3), env_list("PORTAL_UNSET", "a, b")) == (
        True,
        3,
        ["a", "b"],
    )


def test_a_required_setting_that_is_missing_is_named(monkeypatch):
    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="Set the environment variable PORTAL_SECRET"):
        env_str("PORTAL_SECRET")


def test_dbcreate_leaves_sqlite_alone(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/never-created.sqlite3")
    assert dbcreate.main() == 0


def test_dbcreate_creates_a_missing_postgresql_database_once(monkeypatch, capsys):
    # The PostgreSQL server of the suite (make test's POSTGRES_URL), whichever database the run uses.
    server = dj_database_url.parse(
        os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/readiness")
    )
    host, port, user = server["HOST"] or "127.0.0.1", server["PORT"] or 5432, server["USER"]
    name = f"dbcreate_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("DATABASE_URL", f"postgres://{user}@{host}:{port}/{name}")
    try:
        assert (dbcreate.main(), dbcreate.main()) == (0, 0)
        assert capsys.readouterr().out.count(f"Created database {name}.") == 1
    finally:
        admin = psycopg2.connect(dbname="postgres", host=host, port=port, user=user)
        admin.autocommit = True
        with admin.cursor() as cur:
            cur.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.close()


@pytest.mark.django_db
def test_postgresql_plans_a_page_s_statement_without_compiling_it():
    # A workbench page's statement (correlated counts over 8,000 responses) is estimated costly
    # enough for PostgreSQL's JIT, which spent ~37 ms compiling a statement that runs in 6 ms.
    if connection.vendor != "postgresql":
        pytest.skip("JIT compilation is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
