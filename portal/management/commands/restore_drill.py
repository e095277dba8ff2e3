"""manage.py restore_drill: proves that a backup can be restored, with the procedure docs/operations.md
documents.

It backs up as an operator would (``pg_dump`` in custom format; the media and private files into a tar
archive), restores the dump into a scratch database beside the live one and the archive into a temporary
folder, then compares every table's row count and every file's SHA-256 with the originals. It prints the
comparison and exits with status 1 if anything differs. The scratch database is dropped at the end. Run it
when the site is quiet: rows written while it runs make the live counts differ from the dump's.
"""

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from psycopg import sql


def file_digests(roots):
    """{(root name, relative path): sha256} of every file under the given folders."""
    digests = {}
    for name, root in roots.items():
        root = Path(root)
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digests[(name, str(path.relative_to(root)))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and the files, restore both into scratch places, compare."

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        if connection.vendor != "postgresql":
            raise CommandError(
                "The restore drill needs PostgreSQL: set DATABASE_URL to the database to drill."
            )
        db = connection.settings_dict
        live_name = db["NAME"]
        params = {
            "host": db["HOST"] or "127.0.0.1",
            "port": db["PORT"] or 5432,
            "user": db["USER"] or None,
            "password": db["PASSWORD"] or None,
        }
        scratch = f"{live_name}_restore_drill_{os.getpid()}"
        env = {
            **os.environ,
            "PGHOST": str(params["host"]),
            "PGPORT": str(params["port"]),
            **({"PGUSER": params["user"]} if params["user"] else {}),
            **({"PGPASSWORD": params["password"]} if params["password"] else {}),
        }
        roots = {"media": settings.MEDIA_ROOT, "private": settings.PRIVATE_FILES_ROOT}
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            live_counts = self.counts(connection.cursor())
            files_before = file_digests(roots)

            started = time.perf_counter()
            dump = work / "portal.dump"
            self.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", live_name], env)
            archive = work / "files.tar"
            with tarfile.open(archive, "w") as tar:
                for name, root in roots.items():
                    if Path(root).is_dir():
                        tar.add(root, arcname=name)
            backup_seconds = time.perf_counter() - started
            backup_bytes = dump.stat().st_size + archive.stat().st_size

            started = time.perf_counter()
            admin = dict(params, dbname="postgres", autocommit=True)
            with psycopg.connect(**admin) as server:
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch)))
            try:
                self.run(
                    ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={scratch}", str(dump)], env
                )
                restored = work / "restored"
                with tarfile.open(archive) as tar:
                    tar.extractall(restored, filter="data")
                restore_seconds = time.perf_counter() - started
                with psycopg.connect(**dict(params, dbname=scratch)) as copy:
                    restored_counts = self.counts(copy.cursor())
            finally:
                with psycopg.connect(**admin) as server:
                    server.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
            files_after = file_digests({name: restored / name for name in roots})

        self.report(
            live_counts, restored_counts, files_before, files_after, backup_bytes=backup_bytes,
            backup_seconds=backup_seconds, restore_seconds=restore_seconds,
        )  # fmt: skip

    @staticmethod
    def counts(cursor):
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )  # fmt: skip
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)).as_string(cursor.connection)
            )
            counts[table] = cursor.fetchone()[0]
        return counts

    @staticmethod
    def run(command, env):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise CommandError(f"{command[0]} failed: {result.stderr.strip()}")

    def report(self, live, restored, before, after, backup_bytes, backup_seconds, restore_seconds):
        table_diffs = sorted(t for t in set(live) | set(restored) if live.get(t) != restored.get(t))
        file_diffs = sorted(set(before) ^ set(after) | {k for k in before if after.get(k) != before[k]})
        write = self.stdout.write
        write(f"tables: {len(live)} live, {len(restored)} restored, {len(table_diffs)} with another count")
        write(f"rows:   {sum(live.values())} live, {sum(restored.values())} restored")
        write(f"files:  {len(before)} live, {len(after)} restored, {len(file_diffs)} missing or changed")
        write(
            f"backup: {backup_bytes / 1024:.0f} KiB in {backup_seconds:.1f} s; "
            f"restore: {restore_seconds:.1f} s"
        )
        if self.verbosity >= 2:
            for table in sorted(restored):
                write(f"  {table}: {restored[table]}")
        for table in table_diffs:
            write(f"  table {table}: {live.get(table)} live, {restored.get(table)} restored")
        for name, path in file_diffs:
            write(f"  file {name}/{path}")
        if table_diffs or file_diffs:
            write("restore drill FAILED")
            sys.exit(1)
        write("restore drill passed: every table's rows and every file came back")
