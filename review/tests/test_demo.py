import io
from types import SimpleNamespace

import pytest

from accounts import demo as accounts_demo
from declarations import demo as declarations_demo
from declarations.models import Declaration
from declarations.results import released_result
from declarations.workflow import Status
from review import demo as review_demo
from review.models import ReviewStage

pytestmark = pytest.mark.django_db


def _seed() -> None:
    command = SimpleNamespace(stdout=io.StringIO())
    for demo in (accounts_demo, declarations_demo, review_demo):
        demo.seed(command)


def test_review_demo_builds_every_state_once():
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
        "demo_submitted": Status.SUBMITTED,
        "demo_in_review": Status.IN_REVIEW,
        "demo_recusal": Status.SUBMITTED,
    }
    assert set(ReviewStage.objects.values_list("name", flat=True)) == {"初审", "复审"}
    failed = Declaration.objects.get(applicant__username="demo_failed")
    assert {s.key for s in released_result(failed).failed_sections} == {"papers", "work-experience"}


def test_stage_admin_lists_for_reviewers_and_edits_for_administrators_only(client, admin_client):
    from review.tests.factories import make_round, reviewer

    declaration_round = make_round(("初审", "复审"))
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    client.force_login(reviewer())
    assert "复审" in client.get("/admin/review/reviewstage/").content.decode()
    response = client.get(f"/admin/review/reviewstage/edit/{stage.pk}/")
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert admin_client.get(f"/admin/review/reviewstage/edit/{stage.pk}/").status_code == 200
