"""Bench data: N notices spread over the listings, M declarations; prints the URLs and session
cookies bench/run.py needs, as one JSON line. Runs with the benchmark's environment."""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from importlib import import_module  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402


def session_cookie(username: str) -> str | None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notices", type=int, default=200)
    parser.add_argument("--declarations", type=int, default=1000)
    args = parser.parse_args()
    context = {
        "notices": args.notices,
        "declarations": args.declarations,
        "applicant_cookie": session_cookie("demo_applicant"),
        "reviewer_cookie": session_cookie("demo_reviewer"),
    }
    print(json.dumps({k: v for k, v in context.items() if v}))


if __name__ == "__main__":
    main()
