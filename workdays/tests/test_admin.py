"""Administrators keep the table of calendar corrections; editors and reviewers do not reach it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from workdays.models import CalendarDay

pytestmark = pytest.mark.django_db


def _staff(group: str | None = None, **fields):
    # Built through the user model itself: this app imports no other app of ours, tests included.
    user = get_user_model().objects.create_user(username=f"staff-{group or 'admin'}", is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


LIST = "/admin/snippets/workdays/calendarday/"
ADD = "/admin/snippets/workdays/calendarday/add/"


def test_an_administrator_adds_a_make_up_working_day(client):
    client.force_login(_staff(is_superuser=True))

    response = client.post(ADD, {"date": "2027-02-20", "kind": "workday", "note": "春节调休上班"})

    assert response.status_code == 302
    assert CalendarDay.objects.get().is_workday
    assert "春节调休上班" in client.get(LIST).content.decode()


def test_the_same_day_cannot_be_entered_twice(client):
    client.force_login(_staff(is_superuser=True))
    CalendarDay.objects.create(date="2027-02-20", kind="workday")

    response = client.post(ADD, {"date": "2027-02-20", "kind": "holiday", "note": ""})

    assert response.status_code == 200
    assert "已存在" in response.content.decode()
    assert CalendarDay.objects.get().kind == "workday"


@pytest.mark.parametrize("group", ["编辑", "审核人"])
def test_other_staff_cannot_change_the_calendar(client, group):
    client.force_login(_staff(group))

    assert client.get(LIST).status_code in (302, 403)
    client.post(ADD, {"date": "2027-02-20", "kind": "workday", "note": ""})
    assert not CalendarDay.objects.exists()
