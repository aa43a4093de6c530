"""The department's register in the admin: the inspect page of a registration offers its decisions."""

import pytest
from django.urls import reverse

from accounts.tests.factories import StaffFactory
from employers.models import Employer
from employers.tests.factories import make_employer

pytestmark = pytest.mark.django_db


def test_the_inspect_page_of_a_pending_registration_offers_approval_refusal_and_the_licence(client):
    employer = make_employer(status=Employer.Status.PENDING)
    client.force_login(StaffFactory(group="审核人"))
    page = client.get(reverse("employers_employer_modeladmin_inspect", args=[employer.pk])).content.decode()
    assert reverse("employers-admin-decide", args=[employer.pk, "approve"]) in page
    assert reverse("employers-admin-decide", args=[employer.pk, "refuse"]) in page
    assert reverse("employers-admin-decide", args=[employer.pk, "disable"]) not in page
    assert "审核通过（认证）" in page and "不予通过的原因（将短信告知经办人）" in page
    assert reverse("employers-admin-licence", args=[employer.pk]) in page
