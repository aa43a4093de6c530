"""The review screens in a real browser, on the demo data: the reviewers' queue, the review page
(images shown, PDFs embedded) and the applicant home after a failed release.

Screenshots are written to test-artifacts/ (review-queue.png, review-view.png,
review-applicant-home-failed.png).
"""

import io
from types import SimpleNamespace

import pytest

from accounts import demo as accounts_demo
from declarations import demo as declarations_demo
from declarations.models import Declaration
from review import demo as review_demo
from review.tests.factories import restore_migrated_roles

from .conftest import ARTIFACTS, log_in


@pytest.mark.django_db(transaction=True)
def test_reviewer_queue_review_page_and_failed_applicant_home(page, client):
    restore_migrated_roles()
    # The demo of the apps involved (seed_demo also builds the page tree, which a flush removes).
    command = SimpleNamespace(stdout=io.StringIO())
    for demo in (accounts_demo, declarations_demo, review_demo):
        demo.seed(command)
    in_review = Declaration.objects.get(applicant__username="demo_in_review")
    ARTIFACTS.mkdir(exist_ok=True)

    log_in(page, client, "demo_reviewer")
    page.goto(f"{page.base_url}/admin/declarations/declaration/")
    page.get_by_text("孙审核").wait_for()
    assert "1401**********0065" in page.content()
    page.screenshot(path=str(ARTIFACTS / "review-queue.png"))

    page.goto(f"{page.base_url}/admin/declarations/declaration/inspect/{in_review.pk}/")
    page.get_by_text("复审：总体结论").wait_for()
    assert page.locator(".review-file img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator('.review-file object[type="application/pdf"]').count() == 3
    page.screenshot(path=str(ARTIFACTS / "review-view.png"))

    log_in(page, client, "demo_failed")
    page.goto(f"{page.base_url}/applicant/")
    page.get_by_text("审核结果：审核未通过").wait_for()
    assert "论文所载刊物不在认定期刊目录内" in page.content()
    assert page.locator(".review-result a[href='/applicant/profile/papers/']").count() == 1
    page.screenshot(path=str(ARTIFACTS / "review-applicant-home-failed.png"), full_page=True)
