import pytest

from review.models import ReviewStage

pytestmark = pytest.mark.django_db


def test_stage_admin_lists_for_reviewers_and_edits_for_administrators_only(client, admin_client):
    from review.tests.factories import make_round, reviewer

    declaration_round = make_round(("初审", "复审"))
    stage = ReviewStage.objects.get(round=declaration_round, order=1)
    client.force_login(reviewer())
    assert "复审" in client.get("/admin/review/reviewstage/").content.decode()
    response = client.get(f"/admin/review/reviewstage/edit/{stage.pk}/")
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert admin_client.get(f"/admin/review/reviewstage/edit/{stage.pk}/").status_code == 200
