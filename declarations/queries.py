"""Reads of the applicant side: the profile's fill state, the rounds open now and the applicant's
current declaration. Nothing here writes; the commands are in `entries`, `signup`, `submission`.
"""

from datetime import datetime

from django.db import models
from django.db.models import Count, Value
from django.utils import timezone

from declarations.models import BasicInfo, Declaration, DeclarationRound
from declarations.sections import SECTIONS


def basic_info_defaults(user) -> dict:
    """Initial basic information taken from the account."""
    phone = user.phone.as_national.replace(" ", "") if user.phone else ""
    return {
        "name": user.real_name,
        "sex": user.sex or "",
        "birth_date": user.birth_date,
        "id_number": user.id_number or "",
        "phone": phone,
        "email": user.email,
        "employer": user.employer,
    }


def get_basic_info(user) -> BasicInfo | None:
    return BasicInfo.objects.filter(owner=user).select_related("photo").first()


def profile_summary(user) -> list[dict]:
    """Per section: how many entries the applicant has filled, against the limit (one query)."""
    parts = [
        section.model.objects.filter(owner=user)
        .order_by()
        .values("owner")
        .annotate(key=Value(section.key, output_field=models.CharField()), n=Count("pk"))
        .values_list("key", "n")
        for section in SECTIONS
    ]
    counts = dict(parts[0].union(*parts[1:], all=True))
    return [
        {"section": section, "count": counts.get(section.key, 0), "limit": None if section.single else section.limit}
        for section in SECTIONS
    ]


def open_rounds(now: datetime | None = None) -> list[DeclarationRound]:
    """Rounds whose sign-up window is open now, with their titles."""
    now = now or timezone.now()
    return list(
        DeclarationRound.objects.filter(signup_starts_at__lte=now, signup_ends_at__gte=now).prefetch_related("titles")
    )


def current_declaration(user) -> Declaration | None:
    """The applicant's latest declaration, shown on the applicant home."""
    return (
        Declaration.objects.filter(applicant=user)
        .select_related("round", "title")
        .prefetch_related("transitions")
        .order_by("-year", "-signed_up_at")
        .first()
    )
