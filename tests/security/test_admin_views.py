"""Every admin view of our models, for every role (SPEC 1: an editor never sees declarations; a
reviewer never edits an applicant's data): requested with GET, each role reaches exactly the
views its permissions allow. A new admin URL of our models fails here until the table names who
may reach it."""

import re

import pytest
from django.test import Client
from wagtail.models import Page

from accounts.models import AuditEvent, SmsMessage
from accounts.tests.factories import StaffFactory, UserFactory
from declarations.models import DeclarationRound, TitleCatalogue
from review.models import ReviewStage
from review.tests.factories import make_round, submitted_declaration
from tests.security.urlconf import fill, walk
from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "applicant", "editor", "reviewer", "administrator")
REVIEW = {"reviewer", "administrator"}
ADMIN = {"administrator"}
NOBODY: set[str] = set()

# URL-name pattern → the roles that reach it (status 200); the first match wins.
WHO_REACHES = [
    (r"^declarations_declaration_modeladmin_(index|inspect)$", REVIEW),
    (r"^declarations_declaration_modeladmin_", NOBODY),  # nobody creates, edits or deletes here
    (r"^review_reviewstage_modeladmin_index$", REVIEW),
    (r"^review_reviewstage_modeladmin_", ADMIN),
    (r"^review-(rounds|export-round)$", REVIEW),
    (r"^review-release-round$", ADMIN),  # GET: the confirmation with the counts; POST releases
    (r"^wagtailsnippets(choosers)?_(declarations|workdays)_", ADMIN),
    (r"^(smsmessage|auditevent):(index|index_results|inspect)$", ADMIN),
    (r"^(smsmessage|auditevent):", NOBODY),  # read-only: no add, edit, delete, history, usage
]
OUR_ADMIN_NAMES = re.compile(
    r"^(declarations_|review_|review-|wagtailsnippets(choosers)?_(declarations|workdays)_|smsmessage:|auditevent:)"
)
SECRET_NAME = "赵保密"


@pytest.fixture
def objects():
    declaration_round = make_round(("初审",))
    declaration = submitted_declaration(declaration_round, real_name=SECRET_NAME)
    return {
        "declaration": declaration,
        "reviewstage": ReviewStage.objects.get(round=declaration_round),
        "titlecatalogue": TitleCatalogue.objects.first(),
        "declarationround": DeclarationRound.objects.get(pk=declaration_round.pk),
        "calendarday": CalendarDay.objects.create(date="2027-02-20", kind="workday"),
        "smsmessage": SmsMessage.objects.create(phone="+8613800000123", template="review_passed", params={}),
        "auditevent": AuditEvent.objects.create(action="login", outcome="success"),
        "round": declaration_round,
    }


def _clients() -> dict[str, Client]:
    users = {
        "applicant": UserFactory(),
        "editor": StaffFactory(group="编辑"),
        "reviewer": StaffFactory(group="审核人"),
        "administrator": StaffFactory(is_superuser=True),
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


MODEL_IN_NAME = re.compile(
    r"^(?:wagtailsnippet(?:s|choosers)_\w+?_(?P<snippet>[a-z]+):|\w+?_(?P<modeladmin>[a-z]+)_modeladmin_|(?P<viewset>[a-z]+):)"
)


def _path(route: str, name: str, objects: dict) -> str:
    """Fill the route's id with the object of the model the URL name is about (a round for
    the rounds pages)."""
    match = MODEL_IN_NAME.match(name)
    model = next((group for group in match.groups() if group), "round") if match else "round"
    pk = str(objects[model].pk)
    return fill(route, lambda name, converter: pk)


def our_admin_urls(objects) -> list[tuple[str, str]]:
    return [
        (name, _path(route, name, objects))
        for route, name, _ in walk()
        if route.startswith("admin/") and OUR_ADMIN_NAMES.match(name)
    ]


def expected(name: str) -> set[str]:
    for pattern, roles in WHO_REACHES:
        if re.search(pattern, name):
            return roles
    raise AssertionError(f"{name}: add it to WHO_REACHES")


def test_every_admin_view_of_our_models_is_reached_exactly_by_its_roles(objects):
    urls = our_admin_urls(objects)
    assert len(urls) > 50
    clients = _clients()
    wrong = []
    for name, path in urls:
        allowed = expected(name)
        for role in ROLES:
            response = clients[role].get(path)
            reached = response.status_code == 200
            if reached != (role in allowed):
                wrong.append(
                    f"{role} {'reached' if reached else 'did not reach'} {name} {path} ({response.status_code})"
                )
            if role not in REVIEW and SECRET_NAME in response.content.decode(errors="replace"):
                wrong.append(f"{role} saw the applicant's name at {path}")
    assert wrong == []


def test_bulk_action_pages_show_nothing_to_staff_without_a_permission_on_the_model(objects):
    clients = _clients()
    draft = Page.objects.get(depth=2).add_child(instance=Page(title="未发布的内部通知草稿", slug="draft", live=False))
    page_action = f"/admin/bulk/wagtailcore/page/publish/?id={draft.pk}"
    round_action = f"/admin/bulk/declarations/declarationround/delete/?id={objects['round'].pk}"

    for role, path, title in (
        ("reviewer", page_action, "未发布的内部通知草稿"),
        ("editor", round_action, objects["round"].name),
        ("reviewer", round_action, objects["round"].name),
    ):
        response = clients[role].get(path)
        # Refused: the admin sends them to its home with a message, or answers 403.
        assert response.status_code in (302, 403), (role, path)
        assert title not in response.content.decode(), (role, path)

    assert clients["editor"].get(page_action).status_code == 200  # editors publish pages
    assert clients["administrator"].get(round_action).status_code == 200
