"""Writing the audit log, and the client address every security record carries."""

import logging

from django.conf import settings
from django.http import HttpRequest

from .masking import mask_account, mask_personal_numbers
from .models import AuditEvent

logger = logging.getLogger("accounts.audit")

Action = AuditEvent.Action
Outcome = AuditEvent.Outcome


def client_ip(request: HttpRequest | None) -> str | None:
    """The caller's address. Behind a reverse proxy set CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP)
    to the header the proxy overwrites; never trust a header the client can set."""
    if request is None:
        return None
    value = request.META.get(settings.CLIENT_IP_HEADER) or request.META.get("REMOTE_ADDR") or ""
    value = value.split(",")[0].strip()
    return value or None


def record(
    action: str,
    outcome: str,
    *,
    request: HttpRequest | None = None,
    user=None,
    account: str = "",
    ip: str | None = None,
    detail: str = "",
) -> AuditEvent:
    if user is not None and not getattr(user, "pk", None):
        user = None
    event = AuditEvent.objects.create(
        action=action,
        outcome=outcome,
        user=user,
        account=mask_account(account),
        ip=ip or client_ip(request),
        # An error message or a typed value in the detail may repeat a number in full.
        detail=mask_personal_numbers(detail)[:255],
    )
    logger.info("audit %s %s account=%s ip=%s %s", action, outcome, event.account, event.ip, event.detail)
    return event


def record_id_number_view(request: HttpRequest, id_number: str | None, detail: str) -> None:
    """A staff member was shown someone's full ID number (the record keeps it masked)."""
    if id_number:
        record(
            Action.VIEW_ID_NUMBER,
            Outcome.SUCCESS,
            request=request,
            user=request.user,
            account=id_number,
            detail=detail,
        )
