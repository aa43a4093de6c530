import pytest
from django.db import IntegrityError

from accounts.tests.factories import StaffFactory
from declarations import signup
from declarations.errors import DeclarationError
from declarations.models import Declaration
from declarations.tests.factories import (
    TitleFactory,
    make_declaration,
    make_round,
)
from declarations.workflow import Status

pytestmark = pytest.mark.django_db


def test_sign_up_inside_the_window_creates_a_logged_declaration(applicant, open_round):
    title = open_round.titles.get()

    declaration = signup.sign_up(applicant, open_round.pk, title.pk)

    assert (declaration.status, declaration.year, declaration.title) == (Status.SIGNED_UP, open_round.year, title)
    log = declaration.transitions.get()
    assert (log.from_status, log.to_status, log.actor) == ("", Status.SIGNED_UP, applicant)


@pytest.mark.parametrize("phase", ["before", "submission", "closed"])
def test_sign_up_outside_the_window_is_refused(applicant, phase):
    declaration_round = make_round(phase)

    with pytest.raises(DeclarationError, match="报名时间"):
        signup.sign_up(applicant, declaration_round.pk, declaration_round.titles.get().pk)
    assert not Declaration.objects.exists()


def test_second_sign_up_in_a_year_is_refused_even_in_another_round(applicant, open_round):
    signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)
    other_round = make_round("signup", year=open_round.year)

    with pytest.raises(DeclarationError, match="每位申报人每年只能申报一个职称"):
        signup.sign_up(applicant, other_round.pk, other_round.titles.get().pk)
    assert Declaration.objects.count() == 1


def test_database_refuses_two_declarations_of_one_applicant_in_one_year(applicant, open_round):
    make_declaration(applicant, open_round)
    with pytest.raises(IntegrityError):
        make_declaration(applicant, make_round("signup", year=open_round.year))


def test_sign_up_for_a_title_the_round_does_not_open_is_refused(applicant, open_round):
    with pytest.raises(DeclarationError, match="开放范围"):
        signup.sign_up(applicant, open_round.pk, TitleFactory().pk)


def test_staff_cannot_sign_up(open_round):
    with pytest.raises(DeclarationError, match="只有申报人"):
        signup.sign_up(StaffFactory(), open_round.pk, open_round.titles.get().pk)
