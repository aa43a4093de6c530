"""The employer shell's date fields: a browser's date input shows only an ISO date (YYYY-MM-DD),
so the default deadline and a stored 公示's dates must be written that way whatever the locale."""

import re

import pytest
from django.urls import reverse

from employers.checks import default_due_date
from employers.tests.factories import declaration_at_employer, past_publicity

pytestmark = pytest.mark.django_db


def test_the_return_form_shows_the_default_deadline_in_the_date_field(client, officer):
    declaration = declaration_at_employer(officer.employer)
    client.force_login(officer.user)
    page = client.get(reverse("employers:declaration", args=[declaration.pk])).content.decode()
    due = default_due_date(declaration)
    assert f'type="date" name="due_date" value="{due:%Y-%m-%d}"' in page


def test_the_publicity_form_shows_the_stored_dates_in_the_date_fields(client, officer):
    declaration = declaration_at_employer(officer.employer)
    publicity = past_publicity(officer, [declaration])
    client.force_login(officer.user)
    page = client.get(reverse("employers:publicity-edit", args=[publicity.pk])).content.decode()
    assert f'name="start_date" value="{publicity.start_date:%Y-%m-%d}"' in page
    assert f'name="end_date" value="{publicity.end_date:%Y-%m-%d}"' in page


def test_editing_a_publicity_keeps_its_declarations_checked(client, officer):
    declaration = declaration_at_employer(officer.employer)
    publicity = past_publicity(officer, [declaration], outcome="running")
    client.force_login(officer.user)
    page = client.get(reverse("employers:publicity-edit", args=[publicity.pk])).content.decode()
    assert re.search(rf'<input type="checkbox" name="declarations" value="{declaration.pk}"[^>]* checked', page)
