"""Reads of the applicant side: the profile's fill state, the rounds open now and the applicant's
current declaration. Nothing here writes; the commands are in `entries`, `signup`, `submission`.
"""

import functools
from datetime import datetime

from django.db import connection
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


@functools.cache
def _profile_counts_sql() -> str:
    """One SELECT of a COUNT per section (each on the table's owner index), written once a process:
    building eleven querysets and their UNION cost more than the query itself."""
    # Table and column names come from the models, quoted; the owner is a query parameter.
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {quote(section.model._meta.db_table)} WHERE "  # noqa: S608
        f"{quote(section.model._meta.get_field('owner').column)} = %s)"
        for section in SECTIONS
    )
    return f"SELECT {counts}"


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def profile_summary(user) -> list[dict]:
    """Per section: how many entries the applicant has filled, against the limit (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_profile_counts_sql(), [user.pk] * len(SECTIONS))
        counts = cursor.fetchone()
    return [
        {"section": section, "count": count, "limit": None if section.single else section.limit}
        for section, count in zip(SECTIONS, counts, strict=True)
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
