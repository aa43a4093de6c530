"""Query strings are cut out of every log line Django writes with our settings: the development
server's request lines and whatever reaches the console handler."""

import io
import logging
from types import SimpleNamespace

import pytest
from django.core.servers.basehttp import WSGIRequestHandler

from config.log_filters import without_query_strings

ID_NUMBER = "140105198503120018"
SEARCH = f"/admin/declarations/declaration/?q={ID_NUMBER}"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        (f"GET {SEARCH} HTTP/1.1", "GET /admin/declarations/declaration/ HTTP/1.1"),
        (
            f'"https://zhicheng.example.gov.cn{SEARCH}&p=2"',
            '"https://zhicheng.example.gov.cn/admin/declarations/declaration/"',
        ),
        ("/search/?q=桥梁#top", "/search/#top"),
        ("Not Found: /applicant/files/1/", "Not Found: /applicant/files/1/"),
        ("审核通过？请登录系统查看。", "审核通过？请登录系统查看。"),
    ],
)
def test_query_strings_are_cut_from_paths_and_urls(text, cleaned):
    assert without_query_strings(text) == cleaned


def _written_by(handler: logging.StreamHandler, write) -> str:
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        write()
    finally:
        handler.setStream(previous)
    return stream.getvalue()


def test_the_development_server_logs_the_path_without_the_query_string():
    (handler,) = (h for h in logging.getLogger("django.server").handlers if h.get_name() == "django.server")
    server = SimpleNamespace(request=None, log_date_time_string=lambda: "01/Dec/2026 22:00:00")

    line = _written_by(
        handler, lambda: WSGIRequestHandler.log_message(server, '"%s" %s %s', f"GET {SEARCH} HTTP/1.1", "200", "512")
    )
    assert "GET /admin/declarations/declaration/ HTTP/1.1" in line
    assert ID_NUMBER not in line


def test_every_other_logger_reaching_the_console_loses_query_strings_too():
    (handler,) = (h for h in logging.getLogger().handlers if h.get_name() == "console")

    line = _written_by(
        handler, lambda: logging.getLogger("django.request").warning("Bad request: %s", f"https://x.example{SEARCH}")
    )
    assert "Bad request: https://x.example/admin/declarations/declaration/" in line
    assert ID_NUMBER not in line
