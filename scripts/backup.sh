#!/usr/bin/env bash
# Back up the database (PostgreSQL custom-format dump) and the private and public files.
# The ID-number keys are deliberately not part of it: they are backed up apart (docs/deploy.md).
# Usage: DATABASE_URL=postgres://... scripts/backup.sh /path/to/backups
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:?usage: backup.sh DEST_DIR}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest"
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
pg_dump --format=custom --no-owner --dbname="$DATABASE_URL" --file="$dest/db-$stamp.dump"
for dir in "${PRIVATE_MEDIA_ROOT:-private_media}" "${MEDIA_ROOT:-media}"; do
    if [ -d "$dir" ]; then
        tar -C "$(dirname "$dir")" -czf "$dest/$(basename "$dir")-$stamp.tar.gz" "$(basename "$dir")"
    fi
done
echo "$dest/db-$stamp.dump"
