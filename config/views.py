"""Project-level views that belong to no single app."""

import logging

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.permissions import policy_registry

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def health(request):
    """Answer 200 when the database answers a query, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def trivial(request):
    """The cheapest possible Django response: the ceiling the benchmarks compare pages with."""
    return HttpResponse("ok", content_type="text/plain")


# Anything a bulk action may do to an item of its model.
BULK_ACTIONS = {"add", "change", "delete", "publish", "bulk_delete", "lock", "unlock"}


@require_admin_access
def bulk_action(request, app_label: str, model_name: str, action: str):
    """Wagtail's bulk action pages list every chosen item by title, also those the user may not
    act on (an unpublished page's title to a reviewer). Only someone who may do something to the
    model's items sees them."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not policy_registry.get_by_type(model).user_has_any_permission(request.user, BULK_ACTIONS):
        raise PermissionDenied
    return wagtail_bulk_action(request, app_label, model_name, action)


def not_found(request, *args, **kwargs):
    """A library's route that this site does not offer."""
    raise Http404


# Wagtail's logout deletes the session cookie on any method, also on the GET it answers 405 to,
# so a cross-site link or image would log staff out. Only a POST (with its CSRF token) reaches it.
admin_logout = require_POST(WagtailLogoutView.as_view())
