"""The example nginx front never hands out private files: it serves only the public directories
and proxies only to the app servers, never to a private directory or the private bucket.
"""

import re

from django.conf import settings

NGINX_CONF = settings.BASE_DIR / "deploy" / "nginx.conf"
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
