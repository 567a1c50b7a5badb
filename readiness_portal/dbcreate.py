"""Create the PostgreSQL database named by DATABASE_URL if it does not exist yet.

`make setup` runs it so that a fresh machine needs no manual `createdb`. SQLite needs nothing.
"""

import os
import sys
from typing import Any

import dj_database_url


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return 0
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    params: dict[str, Any] = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    if config["PASSWORD"]:
        params["password"] = config["PASSWORD"]
    try:
        conn = psycopg2.connect(dbname="postgres", connect_timeout=5, **params)
    except psycopg2.OperationalError as exc:
        print(f"PostgreSQL is unreachable at {params['host']}:{params['port']}: {exc}", file=sys.stderr)
        return 1
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cur.fetchone() is None:
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"Created database {config['NAME']}.")
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
