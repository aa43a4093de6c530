"""Profile services called directly: races the views cannot show on one thread."""

import pytest

from declarations import entries
from declarations.models import BasicInfo
from declarations.sections import get_section

from .samples import ENTRY_DATA, make_entries

pytestmark = pytest.mark.django_db


def test_saving_an_entry_deleted_meanwhile_does_not_recreate_it(applicant):
    section = get_section("work-experience")
    stale, *_ = make_entries(applicant, section.key, section.limit)
    section.model.objects.filter(pk=stale.pk).delete()
    make_entries(applicant, section.key, 1)  # the freed slot is taken again
    stale.employer = "另一个窗口里的修改"
    with pytest.raises(entries.EntryConflict):
        entries.save_entry(applicant, section, stale, {})
    assert section.model.objects.filter(owner=applicant).count() == section.limit
    assert not section.model.objects.filter(employer="另一个窗口里的修改").exists()


def test_second_first_save_of_basic_info_is_refused(applicant):
    section = get_section("basic-info")
    values = {
        "name": "张三",
        "sex": "M",
        "birth_date": "1985-03-12",
        "id_number": applicant.id_number,
        "political_status": "masses",
        "phone": "13800000001",
        "employer": "某单位",
        "employer_type": "private",
        "specialty": "建筑工程",
        "work_start_date": "2008-07-01",
        "mailing_address": "太原市",
    }
    first, second = BasicInfo(**values), BasicInfo(**values)
    entries.save_entry(applicant, section, first, {})
    with pytest.raises(entries.EntryConflict):
        entries.save_entry(applicant, section, second, {})
    assert BasicInfo.objects.filter(owner=applicant).count() == 1


def test_entry_limit_is_enforced_by_the_service_itself(applicant):
    section = get_section("papers")
    make_entries(applicant, section.key, section.limit)
    with pytest.raises(entries.LimitReached):
        entries.save_entry(applicant, section, section.model(**ENTRY_DATA["papers"]), {})
    assert section.model.objects.count() == section.limit
