from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import LoginDoorClosedView
from config import views
from config.api import api_router

urlpatterns = [
    path("health/", views.health, name="health"),
    # Ahead of the admin's own route of the same path, which shows items to anyone in the admin.
    path("admin/bulk/<str:app_label>/<str:model_name>/<str:action>/", views.bulk_action, name="bulk-action"),
    # Ahead of the admin's own logout, which clears the session cookie on a GET.
    path("admin/logout/", views.admin_logout, name="admin-logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("captcha/", include("captcha.urls")),
    path("accounts/", include("accounts.urls")),
    # Ahead of the applicant area's `profile/<key>/` pages: the applicant's choice of employer.
    path("applicant/", include("employers.applicant_urls")),
    path("applicant/", include("declarations.urls")),
    path("employer/", include("employers.urls")),
    path("search/", include("search.urls")),
]

if settings.BENCH_TRIVIAL_VIEW:
    urlpatterns.append(path("bench/trivial/", views.trivial))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's front-end login (private pages) would take a password without our checks: closed.
    path("_util/login/", LoginDoorClosedView.as_view(), name="frontend-login-closed"),
    # Shared page passwords are off (home.privacy); their form answers nothing.
    path("_util/authenticate_with_password/<int:restriction_id>/<int:page_id>/", views.not_found),
    path("", include(wagtail_urls)),
]
