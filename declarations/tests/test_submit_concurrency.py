import pytest

from accounts.tests.factories import UserFactory
from declarations import errors, signup, submission
from declarations.models import Declaration, DeclarationSnapshot, DeclarationTransition
from declarations.tests.factories import make_complete_profile, make_declaration, make_round
from declarations.workflow import Status
from tests.concurrency import run_together


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_make_one_snapshot_and_one_transition():
    applicant = UserFactory()
    make_complete_profile(applicant)
    declaration = make_declaration(applicant, make_round("signup"))

    outcomes = run_together(
        lambda: submission.submit(declaration.pk, applicant, pledge=True, expected_status="signed_up"), 2
    )

    assert sorted(o.submitted_now for o in outcomes) == [False, True]
    assert DeclarationSnapshot.objects.filter(declaration=declaration).count() == 1
    assert DeclarationTransition.objects.filter(declaration=declaration, to_status=Status.SUBMITTED).count() == 1
    assert Declaration.objects.get(pk=declaration.pk).status == Status.SUBMITTED


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sign_ups_in_one_year_create_one_declaration():
    applicant = UserFactory()
    declaration_round = make_round("signup")
    title_id = declaration_round.titles.get().pk

    outcomes = run_together(lambda: signup.sign_up(applicant, declaration_round.pk, title_id), 2)

    assert Declaration.objects.filter(applicant=applicant).count() == 1
    refused = [o for o in outcomes if isinstance(o, errors.DeclarationError)]
    assert len(refused) == 1
    assert "每年只能申报一个职称" in refused[0].message
