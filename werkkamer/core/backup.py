"""Backup and restore of the database (pg_dump custom format) and the stored files.

A backup is a directory holding ``database.dump``, ``media.tar.gz`` (MEDIA_ROOT) and
``manifest.json`` (SHA-256 of both and the time). Restore checks the hashes before it touches
anything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = {
        **os.environ,
        "PGHOST": db.get("HOST") or "127.0.0.1",
        "PGPORT": str(db.get("PORT") or 5432),
    }
    env["PGUSER"] = db.get("USER") or ""
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, db: dict[str, Any], media_root: Path, target: Path) -> dict[str, Any]:
    """Back up database ``db`` (a Django settings dict) and ``media_root`` into ``target``."""
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise ValueError("Backups need PostgreSQL (DATABASE_URL); SQLite is a single file to copy.")
    target.mkdir(parents=True, exist_ok=False)
    dump = target / "database.dump"
    subprocess.run(
        [
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(dump),
            db["NAME"],
        ],
        env=_pg_env(db),
        check=True,
        capture_output=True,
    )
    media = target / "media.tar.gz"
    with tarfile.open(media, "w:gz") as tar:
        if media_root.exists():
            tar.add(media_root, arcname="media")
    manifest = {
        "created": datetime.now(UTC).isoformat(),
        "database": db["NAME"],
        "files": {"database.dump": _sha256(dump), "media.tar.gz": _sha256(media)},
    }
    (target / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def backup_restore(*, db: dict[str, Any], media_root: Path, source: Path) -> None:
    """Restore ``source`` into database ``db`` (replacing its objects) and ``media_root``."""
    manifest = json.loads((source / "manifest.json").read_text())
    for name, expected in manifest["files"].items():
        if _sha256(source / name) != expected:
            raise ValueError(f"{name} does not match its SHA-256 in manifest.json: not restoring.")
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            db["NAME"],
            str(source / "database.dump"),
        ],
        env=_pg_env(db),
        check=True,
        capture_output=True,
    )
    staging = media_root.with_name(media_root.name + ".restoring")
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(source / "media.tar.gz", "r:gz") as tar:
        tar.extractall(staging, filter="data")
    shutil.rmtree(media_root, ignore_errors=True)
    restored = staging / "media"
    if restored.exists():
        restored.rename(media_root)
    else:
        media_root.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
