"""Audit records for logins and logouts, wherever they happen (public site or admin); a new
session starts with its activity time (the login stores it anyway)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import audit
from .middleware import mark_session_active


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_session_active(request.session)
    audit.record(audit.Action.LOGIN, audit.Outcome.SUCCESS, request=request, user=user, account=_account(user))


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(audit.Action.LOGOUT, audit.Outcome.SUCCESS, request=request, user=user, account=_account(user))


def _account(user) -> str:
    return str(user.phone or user.id_number or user.username)
