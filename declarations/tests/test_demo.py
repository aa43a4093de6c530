import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from declarations.models import BasicInfo, PrivateFile
from declarations.sections import SECTIONS

pytestmark = pytest.mark.django_db


def _profile_counts(user) -> dict[str, int]:
    return {section.key: section.model.objects.filter(owner=user).count() for section in SECTIONS}


def test_seed_demo_fills_every_section_of_the_demo_applicant_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    applicant = get_user_model().objects.get(username="demo_applicant")
    first = _profile_counts(applicant)
    files = PrivateFile.objects.count()
    call_command("seed_demo")
    assert _profile_counts(applicant) == first
    assert PrivateFile.objects.count() == files
    assert all(first.values())
    for section in SECTIONS:
        if section.limit and not section.single:
            assert first[section.key] <= section.limit
    info = BasicInfo.objects.get(owner=applicant)
    assert info.photo.content_type == "image/jpeg"
    assert {f.content_type for f in PrivateFile.objects.filter(owner=applicant)} >= {"application/pdf", "image/png"}
    assert all(f.file.storage.exists(f.file.name) for f in PrivateFile.objects.all())
