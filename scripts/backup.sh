#!/usr/bin/env bash
# Back up the database (PostgreSQL custom-format dump) and the private and public files.
# The ID-number keys are deliberately not part of it: they are backed up apart (docs/deploy.md).
# Usage: DATABASE_URL=postgres://... scripts/backup.sh /path/to/backups
# With PRIVATE_STORAGE=s3 the private files are mirrored from the bucket into DEST/private_files
# (only new ones are copied, each checked against its SHA-256); restore them with
# `manage.py restore_private_files DEST/private_files` (docs/deploy.md).
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: backup.sh DEST_DIR}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$dest/db-$stamp.dump"
dirs=("${MEDIA_ROOT:-media}")
if [ "${PRIVATE_STORAGE:-filesystem}" = s3 ]; then
    "${PYTHON:-.venv/bin/python}" manage.py backup_private_files "$dest/private_files" >&2
else
    dirs+=("${PRIVATE_MEDIA_ROOT:-private_media}")
fi
for dir in "${dirs[@]}"; do
    if [ -d "$dir" ]; then
        tar -C "$(dirname "$dir")" -czf "$dest/$(basename "$dir")-$stamp.tar.gz" "$(basename "$dir")"
    fi
done
echo "$dest/db-$stamp.dump"
