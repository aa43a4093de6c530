"""The example nginx front never hands out private files: it serves only the public directories
and proxies only to the app servers, never to a private directory or the private bucket. Neither
nginx nor gunicorn logs a query string or a referrer (the queue search's `?q=<ID number>`).
"""

import datetime as dt
import io
import logging
import re
import runpy
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config

NGINX_CONF = settings.BASE_DIR / "deploy" / "nginx.conf"
GUNICORN_CONF = settings.BASE_DIR / "deploy" / "gunicorn.conf.py"
ID_NUMBER = "140105198503120018"
SEARCH = f"/admin/declarations/declaration/?q={ID_NUMBER}"
# nginx variables that hold the query string or a whole URL with it.
QUERY_VARIABLES = re.compile(r"\$(?:request|request_uri|args|query_string|is_args|arg_\w+|http_referer)\b")
PUBLIC_DIRECTORIES = {"/srv/zhicheng/staticfiles/", "/srv/zhicheng/media/images/"}


def directives(name: str) -> list[str]:
    text = re.sub(r"#.*", "", NGINX_CONF.read_text())
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, flags=re.MULTILINE)


def test_nginx_serves_only_public_directories():
    assert set(directives("alias")) == PUBLIC_DIRECTORIES
    assert directives("root") == []


def test_nginx_proxies_only_to_the_app_servers():
    assert set(directives("proxy_pass")) == {"http://zhicheng_app"}
    # No internal location either, through which the app could hand a file over to nginx.
    assert not re.search(r"^\s*internal\s*;", re.sub(r"#.*", "", NGINX_CONF.read_text()), flags=re.MULTILINE)


def test_nginx_refuses_the_rest_of_media():
    text = NGINX_CONF.read_text()
    assert re.search(r"location /media/ \{ return 404; \}", text)


def _server_blocks(text: str) -> list[str]:
    blocks = []
    for start in (m.end() for m in re.finditer(r"^\s*server\s*\{", text, flags=re.MULTILINE)):
        depth, end = 1, start
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        blocks.append(text[start:end])
    return blocks


def test_nginx_logs_requests_without_their_query_string_or_referrer():
    text = re.sub(r"#.*", "", NGINX_CONF.read_text())
    formats = dict(re.findall(r"^\s*log_format\s+(\S+)\s+([^;]+);", text, flags=re.MULTILINE))
    assert formats
    assert {name: QUERY_VARIABLES.findall(body) for name, body in formats.items()} == dict.fromkeys(formats, [])
    assert all("$uri" in body for body in formats.values())
    # Each server logs in one of those formats: an access_log without one, or none at all, would
    # fall back to nginx's "combined" format, which has $request and $http_referer.
    blocks = _server_blocks(text)
    assert len(blocks) == 2
    for block in blocks:
        logs = [line.split() for line in re.findall(r"^\s*access_log\s+([^;]+);", block, flags=re.MULTILINE)]
        assert logs
        assert all(log == ["off"] or (len(log) >= 2 and log[1] in formats) for log in logs), logs


def test_the_pattern_finds_the_variables_that_hold_a_query_string():
    assert QUERY_VARIABLES.findall('"$request" $request_uri $args $arg_q "$http_referer"') == [
        "$request",
        "$request_uri",
        "$args",
        "$arg_q",
        "$http_referer",
    ]
    assert QUERY_VARIABLES.findall("$request_method $uri $request_time") == []


@pytest.fixture
def gunicorn_logger():
    """gunicorn's logger as deploy/gunicorn.conf.py configures it, its handlers writing to `stream`."""
    cfg = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONF)).items():
        if name in cfg.settings:
            cfg.set(name, value)
    logger = cfg.logger_class(cfg)
    logger.stream = io.StringIO()
    for log in (logger.error_log, logger.access_log):
        for handler in log.handlers:
            handler.setStream(logger.stream)
    yield logger
    for log in (logger.error_log, logger.access_log):
        for handler in [h for h in log.handlers if getattr(h, "_gunicorn", False)]:
            log.removeHandler(handler)
        for log_filter in list(log.filters):
            log.removeFilter(log_filter)


def test_gunicorn_access_log_has_the_path_but_not_the_query_string_or_referrer(gunicorn_logger):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": SEARCH,
        "PATH_INFO": "/admin/declarations/declaration/",
        "QUERY_STRING": f"q={ID_NUMBER}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.0.0.5",
        "HTTP_REFERER": f"https://zhicheng.example.gov.cn{SEARCH}",
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("HOST", "zhicheng.example.gov.cn")])
    gunicorn_logger.access(response, request, environ, dt.timedelta(milliseconds=12))

    line = gunicorn_logger.stream.getvalue()
    assert '"GET /admin/declarations/declaration/ HTTP/1.1" 200 512' in line
    assert ID_NUMBER not in line


def test_gunicorn_error_log_has_no_query_string(gunicorn_logger):
    gunicorn_logger.log(logging.ERROR, "Error handling request %s", SEARCH)

    line = gunicorn_logger.stream.getvalue()
    assert "Error handling request /admin/declarations/declaration/" in line
    assert ID_NUMBER not in line
