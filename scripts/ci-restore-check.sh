#!/usr/bin/env bash
# CI: build a database with the demo data, back it up, restore it into a fresh database and
# check that the restored copy has the same rows and passes Django's checks.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${CI_POSTGRES_SERVER:-postgres://postgres@127.0.0.1:5432}
src=$base/zhicheng_backup_src
dst=$base/zhicheng_backup_dst
for db in zhicheng_backup_src zhicheng_backup_dst; do
    psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
psql "$base/postgres" -qc "DROP DATABASE zhicheng_backup_dst"
export DJANGO_SETTINGS_MODULE=config.settings.dev
tmp=$(mktemp -d)
DATABASE_URL=$src PRIVATE_MEDIA_ROOT=$tmp/private_media MEDIA_ROOT=$tmp/media .venv/bin/python manage.py migrate -v0
DATABASE_URL=$src PRIVATE_MEDIA_ROOT=$tmp/private_media MEDIA_ROOT=$tmp/media .venv/bin/python manage.py seed_demo >/dev/null
dump=$(DATABASE_URL=$src PRIVATE_MEDIA_ROOT=$tmp/private_media MEDIA_ROOT=$tmp/media bash scripts/backup.sh "$tmp/backups")
bash scripts/restore.sh "$dump" "$dst"
count_rows() {
    local out=""
    for table in $(psql "$1" -tAc "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1"); do
        out+="$table=$(psql "$1" -tAc "SELECT count(*) FROM \"$table\"") "
    done
    echo "$out"
}
before=$(count_rows "$src")
after=$(count_rows "$dst")
if [ "$before" != "$after" ]; then
    echo "restore check FAILED: row counts differ"; diff <(tr ' ' '\n' <<<"$before") <(tr ' ' '\n' <<<"$after") || true
    exit 1
fi
DATABASE_URL=$dst .venv/bin/python manage.py migrate --check -v0
ls "$tmp/backups"
echo "restore check passed: $(wc -w <<<"$after") tables, identical row counts"
rm -rf "$tmp"
