"""SQLite as the embedded default under concurrent writers: WAL, IMMEDIATE transactions and a
busy timeout (config.settings.base.SQLITE_OPTIONS). Without IMMEDIATE, a transaction that reads
before it writes (a reviewer's decision saved while the page's previews are read) fails with
"database is locked" as soon as another writer commits in between; no timeout waits that out."""

import time

import pytest
from django.db import connections, transaction

from config.settings.base import SQLITE_OPTIONS
from tests.concurrency import run_together
from tests.test_settings import _manage

WRITERS = 6
ROUNDS = 15


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """A database alias on a SQLite file with the project's options, for this test only (the
    test database is in memory, where WAL does not apply)."""
    alias = "sqlite_concurrency"
    database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "db.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
    }
    connections.settings[alias] = connections.configure_settings({"default": database})["default"]
    with django_db_blocker.unblock():
        with connections[alias].cursor() as cursor:
            cursor.execute("CREATE TABLE decision (id INTEGER PRIMARY KEY, seen INTEGER NOT NULL)")
        yield alias
        connections[alias].close()
    del connections.settings[alias]


def test_concurrent_read_then_write_transactions_all_succeed(sqlite_file):
    def save_decisions():
        connection = connections[sqlite_file]
        try:
            for _ in range(ROUNDS):
                with transaction.atomic(using=sqlite_file), connection.cursor() as cursor:
                    cursor.execute("SELECT COUNT(*) FROM decision")
                    (seen,) = cursor.fetchone()
                    time.sleep(0.002)  # the other writers commit meanwhile
                    cursor.execute("INSERT INTO decision (seen) VALUES (%s)", [seen])
        finally:
            connection.close()
        return "ok"

    results = run_together(save_decisions, WRITERS)

    assert results == ["ok"] * WRITERS
    with connections[sqlite_file].cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
        cursor.execute("SELECT seen FROM decision ORDER BY id")
        # Each transaction saw every one committed before it: they ran one after another.
        assert [row[0] for row in cursor.fetchall()] == list(range(WRITERS * ROUNDS))


def test_a_sqlite_database_url_gets_the_options(tmp_path):
    script = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; "
        "print(o['transaction_mode'], o['timeout'])"
    )
    result = _manage(
        "shell",
        "-c",
        script,
        env_extra={
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["IMMEDIATE", "20"]
