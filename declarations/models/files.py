"""Uploaded evidence files: private, owned by one applicant, named at random on disk."""

import hashlib
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from declarations.storage import private_storage


def private_upload_to(instance: "PrivateFile", filename: str) -> str:
    # The stored name reveals neither the owner nor the original name.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class PrivateFile(models.Model):
    """One uploaded file. Its UUID is the only handle; the serving view checks who asks.

    A file becomes `frozen` when a submitted declaration's snapshot refers to it; frozen files
    are never deleted when the profile entry that carried them is changed or removed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_files", verbose_name="所有人"
    )
    file = models.FileField("文件", storage=private_storage, upload_to=private_upload_to, max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    content_type = models.CharField("文件类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    frozen = models.BooleanField("已随申报冻结", default=False)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)

    # Written on hot paths and never shown in Wagtail's usage views: no reference-index update
    # (a queued task and its queries) after every save.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return self.original_name

    @classmethod
    def create_from_bytes(cls, owner, name: str, content: bytes, content_type: str) -> "PrivateFile":
        """Store bytes the code made itself (demo data, tests); uploads go through the checks."""
        return cls.objects.create(
            owner=owner,
            file=ContentFile(content, name=name),
            original_name=name,
            content_type=content_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )

    def open(self) -> File:
        """The stored bytes for reading, from whichever storage holds them (never a local path:
        the private storage may be a bucket). Close it, or use it in a `with` block.
        """
        return self.file.storage.open(self.file.name, "rb")
