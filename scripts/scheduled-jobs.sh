#!/usr/bin/env bash
# The jobs due every minute: scheduled go-live and expiry of pages (Wagtail's publish_scheduled)
# the release of review results whose time has come, and the end of corrections (退回补正) whose
# deadline passed. Each is idempotent. Production runs this
# from cron or a systemd timer (docs/deploy.md); scripts/start.sh runs it in a loop.
set -uo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
status=0
"$python" manage.py publish_scheduled || status=1
"$python" manage.py release_results || status=1
"$python" manage.py expire_corrections || status=1
exit $status
