#!/usr/bin/env bash
# Set everything up on the embedded defaults (SQLite, local files, in-process tasks), load the
# demo data and start the site on http://$HOST:$PORT (127.0.0.1:8000 unless set).
source "$(dirname "$0")/_venv.sh"
install_requirements requirements.txt
export DJANGO_SETTINGS_MODULE=config.settings.dev
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
address="http://$HOST:$PORT"
# Links printed by seed_demo and in the admin's notifications point where this server listens.
export WAGTAILADMIN_BASE_URL=${WAGTAILADMIN_BASE_URL:-$address}

# The declaration PDF embeds a CJK font (PDF_FONT_PATH, Debian's fonts-noto-cjk by default).
font=$(.venv/bin/python -c 'import django; django.setup(); from django.conf import settings; print(settings.PDF_FONT_PATH)')
if [ ! -f "$font" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> 安装中文字体 fonts-noto-cjk（申报表 PDF 需要）"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null || true
fi
if [ ! -f "$font" ]; then
    echo "!!  未找到中文字体 $font：申报表 PDF 无法生成。"
    echo "    请安装 fonts-noto-cjk（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk），"
    echo "    或在 .env 中把 PDF_FONT_PATH 指向含中文字形的 TTF/OTF/TTC 字体。"
fi

.venv/bin/python manage.py migrate --noinput
.venv/bin/python manage.py seed_demo
echo
echo "==> 网站地址 $address/    管理后台 $address/admin/"
echo "    (短信验证码在控制台输出，也可运行 .venv/bin/python manage.py sms_outbox 查看)"
# The SMS queue is worked in the background beside the web server, and the jobs cron runs in
# production (scheduled publishing, release of results) run every minute.
.venv/bin/python manage.py db_worker --backend db --queue-name '*' >/dev/null 2>&1 &
worker=$!
while true; do bash scripts/scheduled-jobs.sh >/dev/null 2>&1; sleep 60; done &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null' EXIT
.venv/bin/python manage.py runserver "$HOST:$PORT"
