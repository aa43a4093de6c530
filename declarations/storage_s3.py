"""The private bucket on an S3-compatible object store (PRIVATE_STORAGE=s3, docs/deploy.md)."""

from botocore.exceptions import ClientError
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from declarations.storage import NO_URL


class S3ObjectStream(File):
    """An object read straight from the store: bytes arrive as they are read, so a large file is
    never held whole in memory nor spooled to a temporary file first. Read-only, not seekable.
    """

    def __init__(self, body, name: str, size: int):
        super().__init__(body, name)
        self._size = size

    @property
    def size(self) -> int:
        return self._size

    def seekable(self) -> bool:
        return False

    def read(self, size: int | None = -1) -> bytes:
        return self.file.read(None if size is None or size < 0 else size)

    def chunks(self, chunk_size: int | None = None):
        yield from self.file.iter_chunks(chunk_size or self.DEFAULT_CHUNK_SIZE)

    __iter__ = chunks

    def close(self) -> None:
        self.file.close()


# Canned ACLs that grant nobody but the bucket owner: `private`, or `bucket-owner-full-control`
# for AWS buckets whose ACLs are disabled (Object Ownership "bucket owner enforced"), which refuse
# any other ACL on upload.
PRIVATE_ACLS = ("private", "bucket-owner-full-control")


class PrivateS3Storage(S3Storage):
    """Objects are written with a private canned ACL, never overwritten, under a key prefix,
    and have no URL (`url` refuses). Should anyone sign a request with this storage's client
    directly, the expiry still defaults to 60 seconds.
    """

    # Class attributes win over the global AWS_* settings, which may configure other buckets.
    default_acl = "private"
    querystring_auth = True
    querystring_expire = 60
    file_overwrite = False
    location = "private"

    def __init__(self, **options):
        super().__init__(**options)
        if self.default_acl not in PRIVATE_ACLS:
            raise ImproperlyConfigured(f"The private bucket must store its objects with a private ACL {PRIVATE_ACLS}.")
        if not self.bucket_name:
            raise ImproperlyConfigured("PRIVATE_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")

    def _open(self, name, mode="rb"):
        if "w" in mode:
            return super()._open(name, mode)
        key = self._normalize_name(clean_name(name))
        try:
            response = self.bucket.Object(key).get()
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise
        return S3ObjectStream(response["Body"], name, response["ContentLength"])

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(NO_URL)
