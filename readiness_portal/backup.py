"""Backup and restore of the whole portal: the database and the evidence files.

A backup is a folder: `database.dump` (pg_dump custom format) or `database.sqlite3`,
`media.tar.gz` (everything under MEDIA_ROOT), and `manifest.json` (row counts per table
and a checksum per file) which restore checks after putting everything back.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import datetime
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    pass


def _database() -> dict:
    return connections["default"].settings_dict


def _pg_env(db: dict) -> dict[str, str]:
    env = {**os.environ, "PGHOST": db["HOST"] or "", "PGPORT": str(db["PORT"] or 5432), "PGUSER": db["USER"]}
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


def file_checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def backup(target: Path) -> Path:
    """Write a new backup folder under `target` and return it."""
    folder = target / datetime.now().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    db = _database()
    if connections["default"].vendor == "postgresql":
        dump = folder / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", db["NAME"]], _pg_env(db))
    else:
        with sqlite3.connect(db["NAME"]) as source, sqlite3.connect(folder / "database.sqlite3") as copy:
            source.backup(copy)
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media.exists():
            archive.add(media, arcname=".")
    manifest = {"created": datetime.now().isoformat(), "rows": row_counts(), "files": file_checksums(media)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
    return folder


def restore(folder: Path) -> dict:
    """Replace the database and MEDIA_ROOT with the backup's; raise if the result differs."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    db = _database()
    connections.close_all()
    if (folder / "database.dump").exists():
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*command, f"--dbname={db['NAME']}", str(folder / "database.dump")], _pg_env(db))
    else:
        with sqlite3.connect(folder / "database.sqlite3") as source, sqlite3.connect(db["NAME"]) as live:
            source.backup(live)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.rmtree(media)
    media.mkdir(parents=True)
    with tarfile.open(folder / "media.tar.gz", "r:gz") as archive:
        archive.extractall(media, filter="data")  # refuses absolute paths and links out of the folder
    problems = _compare(manifest, row_counts(), file_checksums(media))
    if problems:
        raise BackupError("restore does not match the backup: " + "; ".join(problems))
    return manifest


def _compare(manifest: dict, rows: dict[str, int], files: dict[str, str]) -> list[str]:
    problems = [
        f"{label}: {rows.get(label)} rows, expected {n}"
        for label, n in manifest["rows"].items()
        if rows.get(label) != n
    ]
    if files != manifest["files"]:
        problems.append(f"{len(files)} files differ from the {len(manifest['files'])} backed up")
    return problems
