"""Two simultaneous adds at the last free slot: the user-row lock lets exactly one land."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from declarations import services
from declarations.samples import ENTRY_DATA
from declarations.sections import get_section

from .samples import make_entries


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_adds_at_the_last_free_slot_land_once(applicant, monkeypatch):
    section = get_section("work-experience")
    make_entries(applicant, section.key, section.limit - 1)

    counted = services.entry_count

    def slow_count(user, counted_section):
        # Widen the window between counting and inserting, where an unlocked check would let both in.
        result = counted(user, counted_section)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(services, "entry_count", slow_count)
    start = threading.Barrier(2)
    statuses = []

    def add():
        try:
            client = Client()
            client.force_login(applicant)
            start.wait(timeout=10)
            response = client.post(reverse("declarations:entry_add", args=[section.key]), ENTRY_DATA[section.key])
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert statuses == [302, 302]
    assert section.model.objects.filter(owner=applicant).count() == section.limit
