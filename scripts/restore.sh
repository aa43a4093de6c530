#!/usr/bin/env bash
# Restore a database dump made by backup.sh into an EMPTY database (created if missing).
# Usage: scripts/restore.sh DUMP_FILE postgres://user@host:5432/newdb
set -euo pipefail
dump=${1:?usage: restore.sh DUMP_FILE TARGET_DATABASE_URL}
target=${2:?usage: restore.sh DUMP_FILE TARGET_DATABASE_URL}
dbname=${target##*/}
server=${target%/*}/postgres
if ! psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
    psql "$server" -qc "CREATE DATABASE \"$dbname\""
fi
pg_restore --no-owner --exit-on-error --single-transaction --dbname="$target" "$dump"
echo "restored $dump into $dbname"
echo "ID numbers in it are encrypted: the site needs the FIELD_ENCRYPTION_KEYS and ID_NUMBER_HASH_KEY in use when it was dumped (kept apart from the dumps, see docs/deploy.md)."
