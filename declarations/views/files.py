"""Serving applicants' private files to their owner, reviewers and administrators only."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import resolve_url
from django.views.decorators.clickjacking import xframe_options_sameorigin

from declarations.models import PrivateFile
from declarations.roles import may_read_declarations
from declarations.uploads import CONTENT_TYPES
from declarations.workflow.chain import BEFORE_DEPARTMENT

# Types a browser may show in place: everything the upload checks let through.
INLINE_TYPES = CONTENT_TYPES


def can_read_private_file(user, private_file: PrivateFile) -> bool:
    """The owner reads all her files, drafts included; staff only what a submission handed them."""
    if private_file.owner_id == user.pk:
        return True
    # Staff read applicants' evidence only from a session that passed the second factor.
    if settings.ADMIN_REQUIRE_OTP and not getattr(user, "is_verified", lambda: False)():
        return False
    # A file no submitted snapshot refers to (a draft's, a replaced attachment) is not for review,
    # nor one of a declaration still at the employer's check (not the department's yet).
    return (
        may_read_declarations(user)
        and private_file.snapshot_refs.exclude(snapshot__declaration__status__in=BEFORE_DEPARTMENT).exists()
    )


# The reviewers' page embeds PDFs (<object>/<iframe>) from this view: same-origin framing only.
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def private_file(request, file_id):
    """Anyone but the owner, a reviewer or an administrator gets 404, the same as for no file."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
    try:
        stored = PrivateFile.objects.get(pk=file_id)
    except PrivateFile.DoesNotExist:
        raise Http404 from None
    if not can_read_private_file(request.user, stored):
        raise Http404
    return file_response(request, stored)


def file_response(request, stored: PrivateFile):
    """The stored file, shown in place when its type allows it (`?download` to save it), never
    cached. Callers have checked who may read it."""
    try:
        handle = stored.open()
    except FileNotFoundError:
        raise Http404 from None
    content_type = stored.content_type if stored.content_type in INLINE_TYPES else "application/octet-stream"
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=content_type not in INLINE_TYPES or "download" in request.GET,
        filename=stored.original_name,
    )
    if not response.has_header("Content-Length"):
        response["Content-Length"] = handle.size  # an object-store stream cannot seek to measure itself
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
