"""The applicant's pages fit a 1366 px screen and a 390 px phone without horizontal scrolling, in
every status of a declaration; the check page and the review page too. Screenshots of each are
written to test-artifacts/ under the names of docs/screenshots/."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from declarations import signup, submission
from declarations.round_phases import RoundPhase
from declarations.sections import SECTIONS
from declarations.tests.factories import make_complete_profile, move_to_phase
from declarations.workflow import Decision, Status
from review import decisions as review_decisions
from review import release as review_release
from review.models import ReviewStage
from review.tests.factories import all_pass, failing, reviewer, submitted_declaration
from review.tests.factories import make_round as make_review_round

from .conftest import ARTIFACTS, log_in, restore_migrated_data

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"1366": 1366, "390": 390}


@pytest.fixture(autouse=True)
def _migrated_data():
    restore_migrated_data()


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def look(page, url: str, name: str) -> None:
    """Open `url` at each width: nothing wider than the window; a full-page screenshot of each."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{page.base_url}{url}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)
        assert overflow(page) <= 0, f"{url} is {overflow(page)} px too wide at {width} px"


def _decide(declaration, decision: str) -> None:
    stage = ReviewStage.objects.get(round=declaration.round, order=1)
    sections = all_pass() if decision == Decision.PASS else failing(papers="论文刊物不符合要求，请补充核心期刊论文。")
    comment = "同意" if decision == Decision.PASS else "论文不符合要求，详见栏目意见。"
    review_decisions.decide(declaration.pk, stage.pk, reviewer(), sections, decision, comment)


def _declarations() -> dict[str, object]:
    """One applicant per status, each moved there through the real services."""
    first = make_review_round(stage_names=("厅审核",))
    made = {}
    applicant = UserFactory(real_name="赵报名")
    make_complete_profile(applicant)
    made[Status.SIGNED_UP] = signup.sign_up(applicant, first.pk, first.titles.first().pk)
    made[Status.SUBMITTED] = submitted_declaration(first, real_name="钱提交")
    made[Status.FAILED] = submitted_declaration(first, real_name="李未过")
    made[Status.RESUBMITTED] = submitted_declaration(first, real_name="周二次")
    made[Status.PASSED] = submitted_declaration(first, real_name="吴通过")
    # 二次申报 of another round, failed again and released at its own time: 最终未通过.
    other = make_review_round(stage_names=("厅审核",))
    made[Status.FINAL_FAILED] = submitted_declaration(other, real_name="郑最终")
    # 审核中: a stage of a two-stage round passed, the next one open.
    two = make_review_round(stage_names=("初审", "复审"))
    made[Status.IN_REVIEW] = submitted_declaration(two, real_name="孙审核")
    stage = ReviewStage.objects.get(round=two, order=1)
    review_decisions.decide(made[Status.IN_REVIEW].pk, stage.pk, reviewer(), all_pass(), Decision.PASS, "同意")
    for status in (Status.FAILED, Status.RESUBMITTED, Status.FINAL_FAILED):
        _decide(made[status], Decision.FAIL)
    _decide(made[Status.PASSED], Decision.PASS)
    for declaration_round in (first, other):
        move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
        review_release.release_round(declaration_round)
    for status in (Status.RESUBMITTED, Status.FINAL_FAILED):
        submission.submit(made[status].pk, made[status].applicant, pledge=True)
    _decide(made[Status.FINAL_FAILED], Decision.FAIL)
    move_to_phase(other, RoundPhase.CLOSED)
    review_release.release_round(other)
    for declaration in made.values():
        declaration.refresh_from_db()
    return made


def test_the_applicant_home_fits_both_widths_in_every_status(page):
    made = _declarations()
    client = Client()
    assert [d.status for d in made.values()] == list(made)
    for status, declaration in made.items():
        log_in(page, client, declaration.applicant)
        look(page, reverse("declarations:home"), f"applicant-home-{status.value}")


def test_every_applicant_page_fits_a_phone(page):
    made = _declarations()
    client = Client()
    failed = made[Status.FAILED]
    log_in(page, client, failed.applicant)
    urls = [
        reverse("declarations:titles"),
        reverse("declarations:declaration-list"),
        reverse("declarations:declaration-detail", args=[failed.pk]),
        reverse("declarations:declaration-submit", args=[failed.pk]),
        reverse("declarations:basic-info"),
        *[reverse("declarations:section", args=[s.key]) for s in SECTIONS if not s.single],
        reverse("declarations:entry-add", args=["work-experience"]),
        # An entry with a stored file: its link and 保留 / 替换 / 删除.
        reverse("declarations:entry-edit", args=["education", failed.applicant.education_entries.get().pk]),
    ]
    for url in urls:
        name = "applicant-" + url.strip("/").replace("/", "-")
        look(page, url, name)
    signed_up = made[Status.SIGNED_UP]
    log_in(page, client, signed_up.applicant)
    look(page, reverse("declarations:declaration-submit", args=[signed_up.pk]), "declarations-check-and-submit")
    log_in(page, client, made[Status.SUBMITTED].applicant)
    look(page, reverse("declarations:basic-info"), "applicant-basic-info-locked")


def test_the_review_page_at_both_widths(page):
    declaration_round = make_review_round(stage_names=("初审", "复审"))
    declaration = submitted_declaration(declaration_round, real_name="王审阅")
    client = Client()
    staff = reviewer(real_name="周审核")
    log_in(page, client, staff)
    url = reverse("declarations_declaration_modeladmin_inspect", args=[declaration.pk])
    ARTIFACTS.mkdir(exist_ok=True)
    # The admin scrolls its main column, not the document: a tall window shows the page whole.
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 2400})
        page.goto(f"{page.base_url}{url}")
        page.get_by_role("button", name="下一步：确认审核结论").wait_for()
        page.screenshot(path=str(ARTIFACTS / f"review-view-{label}.png"), full_page=True)
        assert (
            page.evaluate("document.querySelector('main').scrollWidth - document.querySelector('main').clientWidth")
            <= 0
        )
    page.set_viewport_size({"width": 1366, "height": 1600})
    for section in SECTIONS:
        page.check(f"input[name=verdict_{section.key}][value=pass]")
    page.check("input[name=decision][value=pass]")
    page.get_by_role("button", name="下一步：确认审核结论").click()
    page.get_by_role("button", name="确认保存").wait_for()
    page.screenshot(path=str(ARTIFACTS / "review-confirm-1366.png"), full_page=True)
