"""The administrator's release: a page that says what will be released, per outcome, and a
confirmation; nothing is released by opening it, and a stale confirmation releases nothing."""

import pytest

from declarations.round_phases import RoundPhase
from declarations.tests.factories import move_to_phase
from declarations.workflow import Decision, Status
from review import release as review_release
from review.tests.factories import decide_all, make_round, reviewer, submitted_declaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_round():
    declaration_round = make_round()
    by = reviewer()
    for n, decision in enumerate([Decision.PASS, Decision.PASS, Decision.FAIL]):
        declaration = submitted_declaration(declaration_round, real_name=f"申报人{n}", phone=f"+861390000000{n}")
        decide_all(declaration, by, decision, "" if decision == Decision.PASS else "论文不符合要求")
    move_to_phase(declaration_round, RoundPhase.RELEASE_DUE)
    return declaration_round


def url(declaration_round) -> str:
    return f"/admin/review/rounds/{declaration_round.pk}/release/"


def test_the_release_page_counts_each_outcome_and_releases_nothing(admin_client, due_round):
    page = admin_client.get(url(due_round)).content.decode()

    assert "<td>审核通过</td><td>2</td>" in page
    assert "<td>审核未通过（可二次申报）</td><td>1</td>" in page
    assert "<td>最终未通过（二次申报未通过）</td><td>0</td>" in page
    assert "确认退回 3 份申报" in page and 'name="confirmed_total" value="3"' in page
    assert review_release.preview_round(due_round).total == 3
    assert not due_round.declarations.filter(status__in=[Status.PASSED, Status.FAILED]).exists()


def test_confirming_the_counted_total_releases_the_round(admin_client, due_round):
    response = admin_client.post(url(due_round), {"confirmed_total": "3"}, follow=True)

    assert "已统一退回 3 份申报（通过 2，未通过 1，最终未通过 0）" in response.content.decode()
    assert due_round.declarations.filter(status=Status.PASSED).count() == 2
    assert due_round.declarations.filter(status=Status.FAILED).count() == 1


def test_a_confirmation_of_other_numbers_releases_nothing_and_asks_again(admin_client, due_round):
    response = admin_client.post(url(due_round), {"confirmed_total": "2"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "待退回的申报数量已变化，请核对后重新确认" in page and "确认退回 3 份申报" in page
    assert not due_round.declarations.filter(status__in=[Status.PASSED, Status.FAILED]).exists()


def test_a_post_without_confirmation_releases_nothing(admin_client, due_round):
    admin_client.post(url(due_round))

    assert not due_round.declarations.filter(status__in=[Status.PASSED, Status.FAILED]).exists()


def test_the_rounds_page_links_to_the_confirmation_instead_of_releasing(admin_client, due_round):
    page = admin_client.get("/admin/review/rounds/").content.decode()

    assert f'href="{url(due_round)}"' in page
    assert f'action="{url(due_round)}"' not in page


def test_reviewers_cannot_open_the_release_page(client, due_round):
    client.force_login(reviewer())

    response = client.get(url(due_round))

    assert response.status_code in (302, 403)
