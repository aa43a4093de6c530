"""Storage for applicants' evidence: outside the public media root, with no public URL.

`STORAGES["private"]` chooses the backend: a directory (PRIVATE_MEDIA_ROOT) by default, or a
private S3-compatible bucket (`declarations.storage_s3`, docs/deploy.md). Either way the bytes
leave only through the permission-checked view, which reads them with `storage.open`.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.utils.functional import LazyObject, empty

NO_URL = "Private files have no public URL; serve them through the permission-checked view."


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (read on every access, so tests can move it)."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(NO_URL)


class PrivateStorage(LazyObject):
    """`storages["private"]`, looked up on first use and again whenever STORAGES changes, so the
    model field follows the setting rather than what it was when the model was imported.
    """

    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = PrivateStorage()


def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


setting_changed.connect(_reset_private_storage)


def private_storage():
    return _private_storage
