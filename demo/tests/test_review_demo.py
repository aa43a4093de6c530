"""The review app's demo as `seed_demo` runs it: after the employer's demo, whose
`through_employer` brings the open round's declarations to the department."""

import io
from types import SimpleNamespace

import pytest

from declarations.models import Declaration
from declarations.results import released_result
from declarations.workflow import Status
from demo.management.commands.seed_demo import SEEDER_ARGUMENTS, SEEDERS
from review.models import ReviewStage

pytestmark = pytest.mark.django_db


def _seed() -> None:
    command = SimpleNamespace(stdout=io.StringIO())
    for seeder in SEEDERS:
        seeder.seed(command, **SEEDER_ARGUMENTS.get(seeder, {}))


def test_the_demo_builds_every_state_once():
    _seed()
    _seed()
    statuses = dict(
        Declaration.objects.filter(applicant__username__startswith="demo_").values_list(
            "applicant__username", "status"
        )
    )
    assert statuses == {
        "demo_failed": Status.FAILED,
        "demo_passed": Status.PASSED,
        # The open round uses the employer's check: its declarations reach the department recommended.
        "demo_submitted": Status.RECOMMENDED,
        "demo_in_review": Status.IN_REVIEW,
        "demo_recusal": Status.RECOMMENDED,
        "demo_emp_waiting": Status.EMPLOYER_REVIEW,
        "demo_emp_returned": Status.EMPLOYER_RETURNED,
        "demo_emp_recommended": Status.RECOMMENDED,
    }
    assert set(ReviewStage.objects.values_list("name", flat=True)) == {"初审", "复审"}
    failed = Declaration.objects.get(applicant__username="demo_failed")
    assert {s.key for s in released_result(failed).failed_sections} == {"papers", "work-experience"}
