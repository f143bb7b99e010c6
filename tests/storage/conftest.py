import boto3
import pytest
from moto import mock_aws

from yuyang_union.storage.configuration import object_storages

BUCKET = "yuyang-test"


@pytest.fixture
def bucket(settings):
    """Every file storage on a fake S3 bucket (moto), configured as STORAGE_S3_BUCKET does;
    gives the bucket's client, to look at what was stored."""
    with mock_aws():
        client = boto3.client(
            "s3",
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        client.create_bucket(Bucket=BUCKET)
        storages = object_storages(
            bucket=BUCKET, region="us-east-1", access_key="testing", secret_key="testing"
        )
        settings.STORAGES = {**settings.STORAGES, **storages}
        yield client


def stored_keys(client, prefix):
    listing = client.list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listing.get("Contents", [])]
