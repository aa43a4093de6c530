"""The applicant's declaration journey in a real browser: 我申报的 → 申报 → check → pledge → 确认提交.

Screenshots of the check-and-submit page and the list are written to test-artifacts/.
"""

from accounts.tests.factories import UserFactory
from declarations import services
from declarations.tests.factories import make_complete_profile, make_round

from .conftest import ARTIFACTS, log_in


def test_applicant_checks_and_submits_a_declaration(page, client, transactional_db):
    applicant = UserFactory(real_name="张建国")
    make_complete_profile(applicant)
    declaration_round = make_round("signup")
    declaration = services.sign_up(applicant, declaration_round.pk, declaration_round.titles.get().pk)
    log_in(page, client, applicant)
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{page.base_url}/applicant/declarations/")
    page.click(f"a[href='/applicant/declarations/{declaration.pk}/submit/']")
    page.get_by_text("必填信息已齐全").wait_for()
    assert page.get_by_role("heading", name="2.2.11 业绩成果").is_visible()
    page.screenshot(path=str(ARTIFACTS / "declarations-check-and-submit.png"), full_page=True)

    page.check("input[name=pledge]")
    page.click("button:has-text('确认提交')")
    page.get_by_text("申报已提交，请等待审核").wait_for()

    page.goto(f"{page.base_url}/applicant/declarations/")
    page.get_by_text("已提交", exact=True).wait_for()
    page.screenshot(path=str(ARTIFACTS / "declarations-list.png"), full_page=True)
    assert declaration.snapshots.count() == 1
