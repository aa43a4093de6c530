"""Second factor for staff (TOTP, django-otp): reviewers, editors and administrators must prove
an authenticator code before they reach the Wagtail admin."""

from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit
from .models import AuditEvent

DEVICE_NAME = "身份验证器"


def requires_second_factor(user) -> bool:
    return bool(user.is_authenticated and (user.is_staff or user.is_superuser))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The unconfirmed device a staff member is setting up (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def verify(request: HttpRequest, device: TOTPDevice, token: str) -> bool:
    """Check `token` against `device` (django-otp throttles repeated failures); on success the
    session is marked verified and an enrolment is confirmed."""
    ok = device.verify_token(token.strip())
    audit.record(
        AuditEvent.Action.SECOND_FACTOR,
        AuditEvent.Outcome.SUCCESS if ok else AuditEvent.Outcome.FAILURE,
        request=request,
        user=request.user,
        detail="enrolment" if not device.confirmed else "",
    )
    if not ok:
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True
