"""Wagtail updates its reference index (a task and its queries) after every save of a model its
admin tracks; the rows we write on hot paths (audit records at each login and each review page,
profile entries, files, snapshots, verdicts) opt out: no usage view ever lists them."""

import pytest
from django.db.models.signals import post_save
from wagtail.signal_handlers import update_reference_index_on_save

from accounts.models import AuditEvent, SmsMessage, VerificationCode
from declarations.models import DeclarationSnapshot, DeclarationTransition, PrivateFile, SnapshotFile
from declarations.sections import SECTIONS
from review.models import SectionVerdict, StageReview

HOT_MODELS = [
    AuditEvent,
    SmsMessage,
    VerificationCode,
    DeclarationTransition,
    DeclarationSnapshot,
    SnapshotFile,
    PrivateFile,
    StageReview,
    SectionVerdict,
    *(section.model for section in SECTIONS),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model", HOT_MODELS, ids=lambda model: model.__name__)
def test_saving_a_hot_path_row_runs_no_reference_index_update(admin_client, model):
    admin_client.get("/admin/")  # the admin's viewsets register the models they track

    assert update_reference_index_on_save not in post_save._live_receivers(model)[0]
