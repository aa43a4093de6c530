"""The table of applicant-facing URL patterns: how to fill each with applicant A's ids, and
whether it names one of A's objects. `test_every_applicant_facing_url_pattern_is_in_the_table`
fails when a pattern is added under APPLICANT_FACING_PREFIXES without an entry here."""

from collections.abc import Callable
from dataclasses import dataclass, field

from declarations.samples import ENTRY_DATA
from declarations.sections import SECTIONS

from .conftest import World

TABLE_KEYS = [section.key for section in SECTIONS if not section.single]


@dataclass(frozen=True)
class Filling:
    kwargs: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Route:
    """How to fill one URL pattern with A's ids. `owned`: the URL, query or body names one of
    A's objects, so nobody else may get a 200. `owner_status`: what A gets for the GET (proves
    the ids are real, so the refusals are not vacuous)."""

    fillings: Callable[[World], list[Filling]]
    owned: bool
    owner_status: int | None = None


def one(**parts) -> Callable[[World], list[Filling]]:
    return lambda w: [Filling(**{k: v(w) for k, v in parts.items()})]


def per_section(make: Callable[[World, str], Filling]) -> Callable[[World], list[Filling]]:
    return lambda w: [make(w, key) for key in TABLE_KEYS]


def a_account(w: World) -> dict:
    return {"account": w.a.phone.as_e164[3:], "password": "wrong-password"}


ROUTES: dict[str, Route] = {
    # Public or acting on the requester alone; the body names A's phone or ID number.
    "accounts:register": Route(
        one(
            data=lambda w: {
                "real_name": "冒名者",
                "id_number": w.a.id_number,
                "phone": w.a.phone.as_e164[3:],
                "sms_code": "123456",
                "password1": "Maoming#2026",
                "password2": "Maoming#2026",
                "employer": "某单位",
            }
        ),
        owned=False,
    ),
    "accounts:login": Route(one(data=a_account), owned=False),
    "accounts:logout": Route(one(), owned=False),
    "accounts:password-reset": Route(one(data=lambda w: {"phone": w.a.phone.as_e164[3:]}), owned=False),
    "accounts:password-reset-verify": Route(one(data=lambda w: {"sms_code": "123456"}), owned=False),
    "accounts:password-reset-set": Route(
        one(data=lambda w: {"new_password1": "Jiechi#2026x", "new_password2": "Jiechi#2026x"}), owned=False
    ),
    "accounts:password-change": Route(
        one(data=lambda w: {"old_password": "x", "new_password1": "Jiechi#2026x", "new_password2": "Jiechi#2026x"}),
        owned=False,
    ),
    "accounts:two-factor": Route(one(data=lambda w: {"token": "123456"}), owned=False),
    # The applicant area: pages about the requester's own profile and declarations.
    "declarations:home": Route(one(), owned=False),
    "declarations:basic-info": Route(one(data=lambda w: {"real_name": "改名"}), owned=False),
    "declarations:section": Route(per_section(lambda w, key: Filling(kwargs={"key": key})), owned=False),
    "declarations:entry-add": Route(
        per_section(lambda w, key: Filling(kwargs={"key": key}, data=ENTRY_DATA[key])), owned=False
    ),
    "declarations:titles": Route(one(), owned=False),
    "declarations:sign-up": Route(
        one(kwargs=lambda w: {"round_id": w.open_round.pk, "title_id": w.open_round.titles.get().pk}), owned=False
    ),
    "declarations:declaration-list": Route(one(), owned=False),
    # The requester's own choice of employer (employers app, under the applicant area).
    "employers-applicant:choose-employer": Route(
        one(query=lambda w: {"q": "单位"}, data=lambda w: {"employer": "1"}), owned=False
    ),
    # A's own objects by id.
    "declarations:private-file": Route(one(kwargs=lambda w: {"file_id": w.private_file.pk}), True, 200),
    "declarations:entry-edit-selected": Route(
        per_section(lambda w, key: Filling(kwargs={"key": key}, query={"ids": w.entries[key].pk})), True, 302
    ),
    "declarations:entry-edit": Route(
        per_section(lambda w, key: Filling(kwargs={"key": key, "pk": w.entries[key].pk}, data=ENTRY_DATA[key])),
        True,
        200,
    ),
    "declarations:entry-delete": Route(
        per_section(
            lambda w, key: Filling(
                kwargs={"key": key}, query={"ids": w.entries[key].pk}, data={"ids": w.entries[key].pk}
            )
        ),
        True,
        200,
    ),
    "declarations:declaration-detail": Route(one(kwargs=lambda w: {"pk": w.released.pk}), True, 200),
    "declarations:declaration-submit": Route(
        one(kwargs=lambda w: {"pk": w.draft.pk}, data=lambda w: {"expected_status": w.draft.status, "pledge": "on"}),
        True,
        200,
    ),
    "declarations:declaration-pdf": Route(one(kwargs=lambda w: {"pk": w.released.pk}), True, 200),
    "declarations:declaration-zip": Route(one(kwargs=lambda w: {"pk": w.released.pk}), True, 200),
}
