"""The URLs and session cookies bench/run.py's page benchmark needs, taken from the seed_demo data
(`python -m bench data`); importable once Django is set up."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from declarations.models import Declaration
from home.models import NoticeIndexPage, NoticePage


def session_cookie(username: str) -> str | None:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:  # staff: a session that passed the second factor
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pages_context() -> dict:
    listing = NoticeIndexPage.objects.live().first()
    notice = NoticePage.objects.live().first()
    # A demo applicant's submitted declaration: its PDF for them, its review page for the reviewer.
    submitted = Declaration.objects.filter(applicant__username="demo_submitted", submitted_at__isnull=False).first()
    context = {
        "listing": listing.url if listing else None,
        "notice": notice.url if notice else None,
        "reviewer_queue": "/admin/declarations/declaration/",
        "review_page": f"/admin/declarations/declaration/inspect/{submitted.pk}/" if submitted else None,
        "declaration_pdf": f"/applicant/declarations/{submitted.pk}/pdf/" if submitted else None,
        "applicant_cookie": session_cookie("demo_applicant"),
        "submitted_cookie": session_cookie("demo_submitted"),
        "reviewer_cookie": session_cookie("demo_reviewer"),
    }
    return {k: v for k, v in context.items() if v}
