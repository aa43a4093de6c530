"""Officers see only their own employer (SPEC 9): every URL of the employer shell, filled with
employer X's objects, is requested by the officer of employer Y, by an applicant and anonymously,
with GET and POST: never a 200 for X's objects, never X's data on the page, nothing of X's changed.
X's own officer gets a 200. A new URL of the shell fails the table test until it has an entry."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.tests.factories import UserFactory
from employers import checks
from employers.models import OfficerInvitation
from employers.tests.factories import declaration_at_employer, make_employer, make_officer, past_publicity
from tests.security.conftest import database_rows
from tests.security.urlconf import walk

pytestmark = pytest.mark.django_db


@dataclass
class World:
    officer: object  # employer X's
    other: object  # employer Y's
    applicant: object  # an applicant of neither
    waiting: object  # X's declaration at its check
    recommended: object  # X's declaration it recommended
    publicity: object
    invitation: object

    @property
    def markers(self) -> list[str]:
        people = (self.waiting.applicant, self.recommended.applicant)
        return [self.officer.employer.name, self.officer.employer.credit_code] + [p.real_name for p in people]


@pytest.fixture
def world(db) -> World:
    officer = make_officer(make_employer(name="甲单位保密建设有限公司"), real_name="甲经办")
    other = make_officer(make_employer(name="乙单位建设有限公司"), real_name="乙经办")
    waiting = declaration_at_employer(officer.employer, applicant=UserFactory(real_name="甲员工待审"))
    recommended = declaration_at_employer(officer.employer, applicant=UserFactory(real_name="甲员工已荐"))
    publicity = past_publicity(officer, [recommended])
    checks.recommend(officer, recommended.pk, True)
    invitation = OfficerInvitation.objects.create(
        employer=officer.employer,
        real_name="甲受邀人",
        phone="+8613900002222",
        invited_by=officer.user,
        expires_at=publicity.created_at.replace(year=publicity.created_at.year + 1),
    )
    return World(officer, other, UserFactory(real_name="丙申请人"), waiting, recommended, publicity, invitation)


def evidence(w: World) -> str:
    return str(w.waiting.latest_snapshot.files.first().file_id)


@dataclass(frozen=True)
class Route:
    kwargs: Callable[[World], dict]
    owned: bool  # names one of X's objects: nobody but X's officer gets a 200
    data: Callable[[World], dict] = lambda w: {}
    owner_status: int | None = 200


ROUTES = {
    "employers:home": Route(lambda w: {}, owned=False),
    "employers:register": Route(lambda w: {}, owned=False, data=lambda w: {"phone": "13900003333"}),
    "employers:register-verify": Route(lambda w: {}, owned=False, data=lambda w: {"sms_code": "123456"}),
    "employers:register-details": Route(lambda w: {}, owned=False, data=lambda w: {"name": "冒名单位"}),
    # The invitation link is the key: whoever holds it sees the invitation (none else exists).
    "employers:invitation": Route(lambda w: {"token": "x" * 43}, owned=False, data=lambda w: {"sms_code": "1"}),
    "employers:employer-edit": Route(lambda w: {}, owned=False, data=lambda w: {"name": "改名"}),
    "employers:queue": Route(lambda w: {}, owned=False),
    "employers:declaration": Route(lambda w: {"pk": w.waiting.pk}, owned=True),
    "employers:declaration-remarks": Route(
        lambda w: {"pk": w.waiting.pk}, owned=True, data=lambda w: {"reason_papers": "篡改"}, owner_status=405
    ),
    "employers:declaration-return": Route(
        lambda w: {"pk": w.waiting.pk},
        owned=True,
        data=lambda w: {"due_date": "2099-01-01", "return_papers": "on", "reason_papers": "篡改"},
        owner_status=405,
    ),
    "employers:declaration-recommend": Route(
        lambda w: {"pk": w.waiting.pk}, owned=True, data=lambda w: {"guarantee": "on"}, owner_status=405
    ),
    "employers:file": Route(lambda w: {"file_id": evidence(w)}, owned=True),
    "employers:publicity-list": Route(lambda w: {}, owned=False),
    "employers:publicity-new": Route(lambda w: {}, owned=False, data=lambda w: {"place": "篡改"}),
    "employers:publicity-edit": Route(lambda w: {"pk": w.publicity.pk}, owned=True, data=lambda w: {"place": "篡改"}),
    "employers:officers": Route(
        lambda w: {}, owned=False, data=lambda w: {"real_name": "冒名", "phone": "13900004444"}
    ),
}


def test_every_url_of_the_employer_shell_is_in_the_table():
    names = {name for route, name, _ in walk() if name.startswith("employers:")}
    assert names == set(ROUTES), "add the new URL pattern of the employer shell to ROUTES"


def test_the_employers_own_officer_reaches_its_objects(client, world):
    client.force_login(world.officer.user)
    for name, route in ROUTES.items():
        if route.owned:
            assert client.get(reverse(name, kwargs=route.kwargs(world))).status_code == route.owner_status, name


def _content(response) -> str:
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode(errors="ignore")


@pytest.mark.parametrize("who", ["other_officer", "applicant", "anonymous"])
def test_nobody_else_reaches_or_changes_the_employers_data(client, world, who):
    # One world for every URL of the table: each request is checked to change nothing of it.
    user = {"other_officer": world.other.user, "applicant": world.applicant, "anonymous": None}[who]
    for name, route in ROUTES.items():
        _walk(client, world, user, who, route, reverse(name, kwargs=route.kwargs(world)))


def _walk(client, world, user, who, route, url):
    for method in ("get", "post"):
        if user is not None:
            client.force_login(user)
        else:
            client.logout()
        before = database_rows()
        response = client.get(url) if method == "get" else client.post(url, route.data(world))
        where = f"{who} {method.upper()} {url}"
        page = _content(response)
        if response.status_code in (301, 302):
            page += _content(client.get(response["Location"], follow=True))
        for marker in world.markers:
            assert marker not in page, f"{where}: shows {marker!r}"
        if route.owned:
            assert response.status_code in (302, 403, 404, 405), f"{where}: {response.status_code}"
        after = database_rows()
        changed = {key for key, values in before.items() if after.get(key) != values}
        changed |= {key for key in after if key not in before}
        assert {key for key in changed if not _requesters_own(user, key, after.get(key) or before[key])} == set(), (
            f"{where}: changed {changed}"
        )


# What a request may write besides the requester's own rows: the outbox of what it sent.
SIDE_EFFECTS = {"accounts.smsmessage", "accounts.verificationcode"}


def _requesters_own(user, key, values) -> bool:
    """The requester's account, a row of the requester's own employer (officer Y inviting a
    colleague to Y), or an outgoing message."""
    if key[0] in SIDE_EFFECTS or user is None and key[0] == "accounts.verificationcode":
        return True
    if user is None:
        return False
    if key == ("accounts.user", user.pk):
        return True
    officer = getattr(user, "employer_officer", None)
    model = apps.get_model(key[0])
    names = [f.attname for f in model._meta.concrete_fields if f.attname != "last_login"]
    row = dict(zip(names, values, strict=True))
    return officer is not None and row.get("employer_id") == officer.employer_id


def test_an_officer_never_reads_another_employers_licence(client, world):
    client.force_login(world.other.user)
    licence = world.officer.employer.licence_id
    assert client.get(reverse("employers:file", args=[licence])).status_code == 404
    client.force_login(world.officer.user)
    assert client.get(reverse("employers:file", args=[licence])).status_code == 200


def test_an_officer_cannot_use_the_applicant_file_view_either(client, world):
    client.force_login(world.other.user)
    response = client.get(reverse("declarations:private-file", args=[evidence(world)]))
    assert response.status_code in (302, 404)
