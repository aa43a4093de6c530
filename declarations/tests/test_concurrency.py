"""Two simultaneous adds at the last free slot: the user-row lock lets exactly one land."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from declarations import entries
from declarations.samples import ENTRY_DATA
from declarations.sections import get_section
from tests.concurrency import run_together

from .samples import make_entries


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_adds_at_the_last_free_slot_land_once(applicant, monkeypatch):
    section = get_section("work-experience")
    make_entries(applicant, section.key, section.limit - 1)

    counted = entries.entry_count

    def slow_count(user, counted_section):
        # Widen the window between counting and inserting, where an unlocked check would let both in.
        result = counted(user, counted_section)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(entries, "entry_count", slow_count)

    def add() -> int:
        client = Client()
        client.force_login(applicant)
        return client.post(reverse("declarations:entry-add", args=[section.key]), ENTRY_DATA[section.key]).status_code

    statuses = run_together(add, 2)
    assert statuses == [302, 302]
    assert section.model.objects.filter(owner=applicant).count() == section.limit
