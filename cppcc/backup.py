"""A consistent backup of the database and the uploaded files in one archive, and its restore.

PostgreSQL is dumped with pg_dump (one snapshot, custom format) and restored with pg_restore; the
embedded SQLite file is copied through SQLite's own online-backup API. The uploaded files are added
after the database, so every file the dump refers to is in the archive.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

DB_MEMBER = "database"
MEDIA_MEMBER = "files"
MANIFEST = "manifest.json"


def _pg_env(db: dict) -> dict[str, str]:
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    return env


def _pg_args(db: dict) -> list[str]:
    return ["-h", db.get("HOST") or "127.0.0.1", "-p", str(db.get("PORT") or 5432), "-U", db["USER"]]


def _dump_database(target: Path) -> str:
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        subprocess.run(
            ["pg_dump", *_pg_args(db), "--format=custom", "--no-owner", "-f", str(target), db["NAME"]],
            env=_pg_env(db),
            check=True,
            capture_output=True,
        )
        return "postgresql"
    source = sqlite3.connect(db["NAME"])
    copy = sqlite3.connect(target)
    with copy:
        source.backup(copy)
    source.close()
    copy.close()
    return "sqlite"


def make_backup(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    archive = directory / f"cppcc-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / DB_MEMBER
        vendor = _dump_database(dump)
        manifest = {
            "created": timezone.now().isoformat(),
            "database": vendor,
            "name": str(connection.settings_dict["NAME"]),
        }
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(dump, arcname=DB_MEMBER)
            media = Path(settings.PRIVATE_MEDIA_ROOT)
            if media.exists():
                tar.add(media, arcname=MEDIA_MEMBER)
            data = json.dumps(manifest, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
    return archive


def restore_backup(archive: Path) -> dict:
    """Replace the database and the uploaded files with the archive's. Refuses a backup of another kind."""
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(archive, "r:gz") as tar:
        tar.extractall(tmp, filter="data")
        manifest = json.loads((Path(tmp) / MANIFEST).read_text(encoding="utf-8"))
        if manifest["database"] != connection.vendor:
            raise ValueError(
                f"backup of a {manifest['database']} database cannot restore into {connection.vendor}"
            )
        db = connection.settings_dict
        connections.close_all()
        dump = Path(tmp) / DB_MEMBER
        if connection.vendor == "postgresql":
            subprocess.run(
                [
                    "pg_restore",
                    *_pg_args(db),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--single-transaction",
                    "-d",
                    db["NAME"],
                    str(dump),
                ],
                env=_pg_env(db),
                check=True,
                capture_output=True,
            )
        else:
            source = sqlite3.connect(dump)
            target = sqlite3.connect(db["NAME"])
            with target:
                source.backup(target)
            source.close()
            target.close()
        media = Path(settings.PRIVATE_MEDIA_ROOT)
        if media.exists():
            shutil.rmtree(media)
        restored_files = Path(tmp) / MEDIA_MEMBER
        if restored_files.exists():
            shutil.copytree(restored_files, media)
    return manifest
