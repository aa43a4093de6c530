"""Scheduled go-live and expiry run by the every-minute jobs (scripts/scheduled-jobs.sh), and every
process's cached copies follow them: the job runs in another process than the web server, whose
cache it cannot touch unless the cache is shared."""

import datetime
import re
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from home.cache import cache_is_shared
from home.tests.factories import make_home, make_notice

SCRIPTS = Path(settings.BASE_DIR) / "scripts"


def scheduled_commands() -> list[str]:
    return re.findall(r"manage\.py (\w+)", (SCRIPTS / "scheduled-jobs.sh").read_text())


@contextmanager
def another_process():
    """What the job's own process sees: with the process-local default cache, memory of its own."""
    if cache_is_shared():
        yield
        return
    own_memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "job"}
    other = {**settings.CACHES, "default": own_memory}
    with override_settings(CACHES=other):
        yield


def run_the_scheduled_jobs():
    with another_process():
        for command in scheduled_commands():
            call_command(command)


def schedule(notice, go_live_at):
    notice.go_live_at = go_live_at
    revision = notice.save_revision()
    revision.publish()
    return revision


def move_schedule_into_the_past(revision):
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])


def visible_everywhere(client, listing, title: str) -> dict[str, bool]:
    api = client.get("/api/v2/pages/", {"type": "home.NoticePage", "fields": "title"}).json()
    return {
        "homepage panel": title in client.get("/").content.decode(),
        "listing": title in client.get(listing.url).content.decode(),
        "search": title in client.get("/search/", {"q": title[:4]}).content.decode(),
        "API": title in [item["title"] for item in api["items"]],
    }


def test_the_every_minute_jobs_publish_scheduled_pages_and_release_results():
    assert scheduled_commands() == ["publish_scheduled", "release_results", "expire_corrections"]
    start = (SCRIPTS / "start.sh").read_text()
    assert "scripts/scheduled-jobs.sh" in start and "sleep 60" in start


def test_a_notice_scheduled_in_the_past_goes_live_when_the_jobs_run_and_every_cached_page_shows_it(client, listing):
    make_home([("通知公告", listing, 6)])
    draft = make_notice(listing, "定时上线的评审通知", live=False)
    revision = schedule(draft, timezone.now() + datetime.timedelta(hours=1))
    assert not any(visible_everywhere(client, listing, "定时上线的评审通知").values())  # now cached without it

    move_schedule_into_the_past(revision)
    run_the_scheduled_jobs()

    assert visible_everywhere(client, listing, "定时上线的评审通知") == dict.fromkeys(
        ["homepage panel", "listing", "search", "API"], True
    )


def test_a_notice_whose_expiry_passed_disappears_from_every_cached_page_when_the_jobs_run(client, listing):
    make_home([("通知公告", listing, 6)])
    notice = make_notice(listing, "到期下线的报名通知")
    notice.expire_at = timezone.now() + datetime.timedelta(hours=1)
    notice.save_revision().publish()
    assert all(visible_everywhere(client, listing, "到期下线的报名通知").values())

    type(notice).objects.filter(pk=notice.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    run_the_scheduled_jobs()

    assert not any(visible_everywhere(client, listing, "到期下线的报名通知").values())
    assert client.get(notice.url).status_code == 404


def test_publishing_in_another_process_refreshes_this_process_cached_listing(client, listing):
    client.get(listing.url)
    draft = make_notice(listing, "另一个进程发布的通知", live=False)

    with another_process():
        draft.save_revision().publish()

    assert "另一个进程发布的通知" in client.get(listing.url).content.decode()
