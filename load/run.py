"""`make load` / `make load-faults`: the whole deadline-day run, end to end, on loopback.

Starts a private PostgreSQL and Redis, prepares N officers, serves the portal with gunicorn and a
Celery worker, runs locust headless for a bounded time, checks every acknowledged answer against
the database, stops everything it started and prints the figures. With --fault postgres the
database is restarted in the middle of the run. Exits 1 on a lost answer, a 500, or a gunicorn
worker that died.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from load import stack


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    # Sign-ins cost ~0.25 s of CPU each (PBKDF2, by design): people arrive over a couple of minutes.
    parser.add_argument("--spawn-rate", type=float, default=3)
    parser.add_argument("--seconds", type=int, default=180)
    parser.add_argument("--fault", choices=["none", "postgres"], default="none")
    parser.add_argument("--fault-at", type=int, default=120, help="seconds into the run")
    parser.add_argument("--workers", type=int, default=3)
    return parser.parse_args()


def figures(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    return rows


def report(rows: dict, seconds: int) -> None:
    print(f"\n{'request':<42}{'count':>8}{'fail':>7}{'req/s':>8}{'median':>8}{'p95':>8}{'max':>8}  (ms)")
    for name, row in rows.items():
        print(
            f"{name[:41]:<42}{row['Request Count']:>8}{row['Failure Count']:>7}"
            f"{float(row['Requests/s']):>8.1f}{row['50%']:>8}{row['95%']:>8}"
            f"{float(row['Max Response Time']):>8.0f}"
        )


def main() -> int:
    args = parse()
    with stack.workdir() as work:
        pg, redis = stack.Postgres(work), stack.Redis(work)
        procs: list = []
        try:
            print(f"PostgreSQL on 127.0.0.1:{pg.port}, Redis on 127.0.0.1:{redis.port} (private, in {work})")
            pg.init()
            redis.start()
            env = stack.django_env(pg, redis, work / "media")
            users = work / "users.json"
            subprocess.run(
                [sys.executable, "-m", "load.prepare", "--users", str(args.users), "--output", str(users)],
                env=env,
                cwd=stack.ROOT,
                check=True,
            )
            port = stack.free_port()
            web = stack.gunicorn(env, port, work / "gunicorn.log", workers=args.workers)
            procs.append(web)
            procs.append(stack.celery_worker(env, work / "worker.log", queue=f"load-{port}"))
            before = stack.worker_pids(web)
            print(f"gunicorn on 127.0.0.1:{port} ({len(before)} workers x 4 threads), Celery worker up")
            fault = threading.Thread(target=restart_later, args=(pg, args.fault_at), daemon=True)
            if args.fault == "postgres":
                fault.start()
            saved, prefix = work / "saved.json", work / "locust"
            locust = [
                str(stack.VENV_BIN / "locust"),
                "-f",
                "load/locustfile.py",
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.seconds}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--only-summary",
                "--stop-timeout",
                "30",
                "--loglevel",
                "WARNING",
            ]
            run_env = {**env, "LOAD_USERS": str(users), "LOAD_SAVED": str(saved)}
            subprocess.run(locust, env=run_env, cwd=stack.ROOT, check=False, stdout=subprocess.DEVNULL)
            if fault.is_alive():
                fault.join(120)
            after = stack.worker_pids(web)
            report(figures(prefix), args.seconds)
            run = json.loads(saved.read_text())
            print(f"\nstatuses seen by clients: {dict(sorted(run['statuses'].items()))}")
            print(f"requests sent again after 0/502/503/504: {sum(run['retried'].values())}")
            check = subprocess.run([sys.executable, "-m", "load.check", str(saved)], env=env, cwd=stack.ROOT)
            died = before - after
            print(f"gunicorn workers replaced during the run: {len(died)}")
            errors_500 = int(run["statuses"].get("500", 0))
            tracebacks = _tracebacks(work / "gunicorn.log")
            print(f"500 responses: {errors_500}; errors logged server-side (with traceback): {tracebacks}")
            ok = check.returncode == 0 and errors_500 == 0 and not died
            print("RESULT:", "PASS" if ok else "FAIL")
            return 0 if ok else 1
        finally:
            for proc in reversed(procs):
                stack.stop_process(proc)
            redis.stop()
            with contextlib.suppress(subprocess.CalledProcessError):
                pg.stop("fast")


RESTARTS: list[float] = []


def restart_later(pg: stack.Postgres, at: int) -> None:
    time.sleep(at)
    down = pg.restart()
    RESTARTS.append(down)
    print(f"\n*** PostgreSQL restarted {at}s into the run (down {down:.1f}s) ***", flush=True)


def _tracebacks(log: Path) -> int:
    return log.read_text(errors="replace").count("Traceback") if log.exists() else 0


if __name__ == "__main__":
    sys.exit(main())
