#!/usr/bin/env bash
# Set everything up on the embedded defaults (SQLite, local files, in-process tasks), load the
# demo data and start the site on http://127.0.0.1:8000.
source "$(dirname "$0")/_venv.sh"
install_requirements requirements.txt
export DJANGO_SETTINGS_MODULE=config.settings.dev
.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo
address="http://${HOST:-127.0.0.1}:${PORT:-8000}"
echo "==> 网站地址 $address/    管理后台 $address/admin/"
echo "    (短信验证码在控制台输出，也可运行 .venv/bin/python manage.py sms_outbox 查看)"
# The SMS queue is worked in the background beside the web server.
.venv/bin/python manage.py db_worker --backend db --queue-name '*' >/dev/null 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null' EXIT
.venv/bin/python manage.py runserver "${HOST:-127.0.0.1}:${PORT:-8000}"
