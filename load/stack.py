"""A private stack on loopback for load and fault runs: its own PostgreSQL cluster and Redis
server on free ports (so a restart hits nobody else), gunicorn and a Celery worker. Everything
started here is stopped here, by process id."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("PG_BIN") or sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def _as_postgres(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root; run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


class Postgres:
    """A throw-away cluster: trust authentication on 127.0.0.1 only."""

    def __init__(self, workdir: Path):
        self.data = workdir / "pg"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/load"

    def _ctl(self, *args: str) -> None:
        cmd = [str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]
        subprocess.run(_as_postgres(cmd), check=True, capture_output=True)

    def init(self) -> None:
        self.data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.data.parent, "postgres")
            shutil.chown(self.data, "postgres")
        cmd = [str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        subprocess.run(_as_postgres([*cmd, "--locale=C.UTF-8"]), check=True, capture_output=True)
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data} -c max_connections=100 -c fsync=on"
        )
        self.options = options
        self.start()
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "load"],
            check=True,
        )

    def start(self) -> None:
        self._ctl("-o", self.options, "-l", str(self.data / "server.log"), "start")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop")

    def restart(self) -> float:
        """Stop (closing every connection) and start again; returns the seconds it was down."""
        began = time.monotonic()
        self.stop("fast")
        self.start()
        return time.monotonic() - began


class Redis:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.dir = workdir / "redis"
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.dir.mkdir(exist_ok=True)
        args = ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(self.dir)]
        args += ["--save", "", "--appendonly", "yes", "--appendfsync", "always"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: redis writes its append-only file and exits
            self.proc.wait(30)


def start_process(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("ab")
    return subprocess.Popen(
        args, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_process(proc: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, sig)  # its own session: the process and its children (gunicorn workers)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


@contextmanager
def workdir():
    path = Path(tempfile.mkdtemp(prefix="readiness-load-"))
    if os.geteuid() == 0:
        shutil.chown(path, "postgres")
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def django_env(pg: Postgres, redis: Redis, media: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="readiness_portal.settings.load",
        DATABASE_URL=pg.url,
        REDIS_URL=redis.url,
        MEDIA_ROOT=str(media),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], env=env, cwd=ROOT, check=True)


def gunicorn(env: dict, port: int, log: Path, workers: int = 3, threads: int = 4) -> subprocess.Popen:
    args = [str(VENV_BIN / "gunicorn"), "readiness_portal.wsgi", "--bind", f"127.0.0.1:{port}"]
    args += ["--workers", str(workers), "--threads", str(threads), "--worker-class", "gthread"]
    args += ["--timeout", "30", "--graceful-timeout", "10", "--access-logfile", "-", "--log-level", "warning"]
    proc = start_process(args, env, log)
    wait_for_port(port)
    deadline = time.monotonic() + 30
    while len(worker_pids(proc)) < workers and time.monotonic() < deadline:
        time.sleep(0.2)
    return proc


def celery_worker(env: dict, log: Path, queue: str) -> subprocess.Popen:
    args = [str(VENV_BIN / "celery"), "-A", "readiness_portal", "worker", "--concurrency", "2"]
    args += ["--queues", queue, "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    return start_process(args, {**env, "CELERY_TASK_DEFAULT_QUEUE": queue}, log)


def worker_pids(master: subprocess.Popen) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master.pid)], capture_output=True, text=True)
    return {int(p) for p in out.stdout.split()}
