import pytest

from declarations.models import DeclarationRound
from review import stages as review_stages
from review.tests.factories import make_round

pytestmark = pytest.mark.django_db


def test_new_round_gets_the_default_stage():
    declaration_round = make_round(())  # builder removes the stages; the signal made one first
    assert not declaration_round.review_stages.exists()
    created = DeclarationRound.objects.create(
        year=2030,
        name="2030年度",
        signup_starts_at=declaration_round.signup_starts_at,
        signup_ends_at=declaration_round.signup_ends_at,
        submission_ends_at=declaration_round.submission_ends_at,
        results_release_at=declaration_round.results_release_at,
        second_declaration_ends_at=declaration_round.second_declaration_ends_at,
        second_results_release_at=declaration_round.second_results_release_at,
    )
    assert [s.name for s in created.review_stages.all()] == ["厅审核"]


def test_round_without_stages_gets_the_default_stage_when_reviewed():
    declaration_round = make_round(())
    assert [s.name for s in review_stages.ensure_stages(declaration_round)] == ["厅审核"]
