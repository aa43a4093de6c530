import os
import uuid
from dataclasses import dataclass

import pytest

from accounts.tests.factories import StaffFactory, UserFactory
from declarations import signup, submission
from declarations.locks import profile_lock_reason
from declarations.tests.factories import RoundFactory, make_complete_profile


@pytest.fixture
def applicant(db):
    return UserFactory(real_name="张建国")


@pytest.fixture
def other_applicant(db):
    return UserFactory()


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def reviewer(db):
    return StaffFactory(group="审核人")


@pytest.fixture
def open_round(db):
    return RoundFactory(signup_open=True)


@pytest.fixture
def declaration(applicant, open_round):
    make_complete_profile(applicant)
    return signup.sign_up(applicant, open_round.pk, open_round.titles.get().pk)


@pytest.fixture
def submitted(declaration):
    """The applicant's declaration, submitted through the real services: the profile is locked."""
    submission.submit(declaration.pk, declaration.applicant, pledge=True)
    declaration.refresh_from_db()
    return declaration


@pytest.fixture
def locked_profile(submitted):
    """Why the applicant's profile is locked, in the words the pages show."""
    return profile_lock_reason(submitted.applicant)


# --- the private bucket ---------------------------------------------------------------------------

MOTO_REGION = "us-east-1"
MOTO_CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


@pytest.fixture(scope="session")
def s3_endpoint():
    """A local S3 API (moto's server, over real HTTP) for the session; one port per xdist worker."""
    from moto.server import ThreadedMotoServer

    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    port = int(os.environ.get("MOTO_S3_PORT", "8500")) + worker
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@dataclass
class PrivateBucket:
    endpoint: str
    name: str
    prefix: str
    client: object

    def key(self, stored_name: str) -> str:
        return f"{self.prefix}/{stored_name}"

    def object_keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, stored_name: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=self.key(stored_name))["Body"].read()

    def anonymous_url(self, key: str) -> str:
        return f"{self.endpoint}/{self.name}/{key}"


@pytest.fixture
def private_bucket(settings, s3_endpoint):
    """The "private" storage switched to a fresh bucket on the local S3 API, as PRIVATE_STORAGE=s3 would."""
    import boto3

    name = f"zc-private-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name=MOTO_REGION, **MOTO_CREDENTIALS)
    client.create_bucket(Bucket=name)
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "declarations.storage_s3.PrivateS3Storage",
            "OPTIONS": {
                "bucket_name": name,
                "endpoint_url": s3_endpoint,
                "region_name": MOTO_REGION,
                "access_key": MOTO_CREDENTIALS["aws_access_key_id"],
                "secret_key": MOTO_CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
            },
        },
    }
    return PrivateBucket(s3_endpoint, name, "private", client)
