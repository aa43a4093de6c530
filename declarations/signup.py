"""Signing up for a title (报名, SPEC 6): one declaration per applicant per year, inside the round's
sign-up window, for a title the round opens. The database's unique constraint decides a race.
"""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from declarations import workflow
from declarations.errors import DeclarationError
from declarations.models import Declaration, DeclarationRound, TitleCatalogue

SIGNUP_CLOSED = "当前不在本批次的报名时间内，无法报名。"


def already_declared_message(year: int) -> str:
    return f"您已报名{year}年度的职称申报。每位申报人每年只能申报一个职称，请在“我申报的”中查看。"


def sign_up_refusal(user, declaration_round: DeclarationRound, now: datetime | None = None) -> str:
    """Why `user` may not sign up in the round now ('' when they may); the confirmation page and
    the command ask the same."""
    if not user.is_applicant:
        return "只有申报人账户可以报名。"
    if not declaration_round.is_signup_open(now or timezone.now()):
        return SIGNUP_CLOSED
    if Declaration.objects.filter(applicant=user, year=declaration_round.year).exists():
        return already_declared_message(declaration_round.year)
    return ""


def sign_up(user, round_id: int, title_id: int, now: datetime | None = None) -> Declaration:
    """Create the applicant's declaration for a title opened by a round, inside its window."""
    now = now or timezone.now()
    declaration_round = DeclarationRound.objects.filter(pk=round_id).first()
    if not user.is_applicant:
        raise DeclarationError("只有申报人账户可以报名。")
    if declaration_round is None or not declaration_round.titles.filter(pk=title_id).exists():
        raise DeclarationError("该职称不在本批次的开放范围内。")
    refusal = sign_up_refusal(user, declaration_round, now)
    if refusal:
        raise DeclarationError(refusal)
    try:
        # The unique constraint decides between two concurrent sign-ups.
        with transaction.atomic():
            declaration = Declaration.objects.create(
                applicant=user,
                round=declaration_round,
                title=TitleCatalogue.objects.get(pk=title_id),
                year=declaration_round.year,
            )
            workflow.log_sign_up(declaration, user)
    except IntegrityError as error:
        raise DeclarationError(already_declared_message(declaration_round.year)) from error
    return declaration
