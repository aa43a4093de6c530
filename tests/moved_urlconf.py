"""The project's URLconf with every area mounted under another prefix (tests/test_url_mounts.py)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from config.api import api_router

urlpatterns = [
    path("guanli/", include(wagtailadmin_urls)),
    path("jiekou/", api_router.urls),
    path("captcha/", include("captcha.urls")),
    path("zhanghu/", include("accounts.urls")),
    path("shenbao/", include("employers.applicant_urls")),
    path("shenbao/", include("declarations.urls")),
    path("danwei/", include("employers.urls")),
    path("sousuo/", include("search.urls")),
    path("", include(wagtail_urls)),
]
