"""Uploads and result files on S3-compatible object storage (STORAGE_S3_BUCKET), on a fake
bucket: what one node stores, any other reads; private files stay private."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from events.models import Event
from legal_aid import services as legal_services
from legal_aid.models import CaseDocument
from tests.events.test_staff import admin_event_form, png_upload
from tests.legal_aid.factories import make_case, other_worker
from yuyang_union import roles
from yuyang_union.excel.uploads import EncryptedTempFolderStorage, purge_expired_uploads
from yuyang_union.jobs import files

from .conftest import BUCKET, stored_keys

pytestmark = pytest.mark.django_db


def public_grants(client, key):
    acl = client.get_object_acl(Bucket=BUCKET, Key=key)
    return [g for g in acl["Grants"] if g["Grantee"].get("Type") == "Group"]


def test_an_event_image_uploaded_in_the_admin_is_stored_in_the_bucket(
    bucket, client, make_staff, settings
):
    client.force_login(make_staff(roles.EVENTS))
    response = client.post(
        reverse("admin:events_event_add"),
        admin_event_form(cover=png_upload("cover.png", size=(1200, 900))),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    keys = stored_keys(bucket, "media/")
    assert f"media/{event.cover.name}" in keys
    assert f"media/{event.cover_thumbnail.name}" in keys
    with Image.open(event.cover_thumbnail.open()) as thumbnail:
        assert max(thumbnail.size) <= 640
    # Shown through a signed URL of the bucket, which the pages' CSP must allow.
    url = event.cover_thumbnail.url
    assert url.startswith(f"https://{BUCKET}.s3.amazonaws.com/media/")
    assert "Signature=" in url or "X-Amz-Signature=" in url
    assert public_grants(bucket, f"media/{event.cover.name}") == []


def test_a_case_document_is_stored_privately_and_downloaded_through_the_view(
    bucket, client, make_staff
):
    legal = make_staff(roles.LEGAL)
    case = make_case(actor=legal, kind="mediation", applicants=[other_worker("冉秀英")])
    upload = SimpleUploadedFile("调解协议.pdf", b"%PDF agreement", "application/pdf")
    document = legal_services.add_case_document(
        case=case, title="调解协议", upload=upload, actor=legal
    )
    [key] = stored_keys(bucket, "private/")
    assert key == f"private/{document.file.name}"
    assert stored_keys(bucket, "media/") == []
    assert public_grants(bucket, key) == []
    # Its only URL is the view's, which checks the case and streams from the bucket.
    url = CaseDocument.objects.get().file.url
    assert url.startswith("/staff/legal/documents/")
    client.force_login(legal)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF agreement"
    client.force_login(make_staff(roles.EVENTS))
    assert client.get(url).status_code == 403


def test_a_private_storage_gives_no_url(bucket):
    from django.core.files.storage import storages

    with pytest.raises(ValueError, match="no URL"):
        storages["job_results"].url("0" * 32)


def test_a_job_result_file_round_trips_through_the_bucket_encrypted(bucket):
    with files.ResultWriter(encrypted=True) as out:
        out.write("一二三".encode() * 1000)
    [key] = stored_keys(bucket, "job-results/")
    assert key == f"job-results/{out.name}"
    raw = bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert "一二三".encode() not in raw
    assert b"".join(files.read_result(out.name, encrypted=True)) == "一二三".encode() * 1000
    assert files.result_names_on_disk() == {out.name}
    assert files.modified_before(out.name, timezone.now() + datetime.timedelta(minutes=1))
    assert not files.modified_before(out.name, timezone.now() - datetime.timedelta(minutes=1))
    files.delete_result(out.name)
    assert stored_keys(bucket, "job-results/") == []
    with pytest.raises(FileNotFoundError):
        files.read_result(out.name, encrypted=True)


def test_a_failed_job_result_leaves_nothing_in_the_bucket(bucket):
    def write_half_then_fail():
        with files.ResultWriter(encrypted=False) as out:
            out.write(b"half a file")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_half_then_fail()
    assert stored_keys(bucket, "job-results/") == []


def test_an_import_file_waits_encrypted_in_the_bucket_and_expires(bucket):
    waiting = EncryptedTempFolderStorage(read_mode="rb")
    waiting.save(b"name,id\n" + "冉秀英".encode())
    [key] = stored_keys(bucket, "import-uploads/")
    assert "冉秀英".encode() not in bucket.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    read_back = EncryptedTempFolderStorage(name=waiting.name, read_mode="rb").read()
    assert read_back == b"name,id\n" + "冉秀英".encode()
    assert purge_expired_uploads() == 0
    assert purge_expired_uploads(older_than=datetime.timedelta(seconds=-60)) == 1
    assert stored_keys(bucket, "import-uploads/") == []


def test_the_pages_allow_images_from_the_bucket():
    from yuyang_union.storage.configuration import media_origins

    assert media_origins(
        bucket="b", endpoint_url="https://minio.example.cn/", region=None, media_domain=None
    ) == ["https://minio.example.cn"]
    assert media_origins(bucket="b", endpoint_url=None, region=None, media_domain="img.cn") == [
        "https://img.cn"
    ]


def test_the_bucket_settings_make_every_file_storage_a_prefix_of_it():
    from tests.test_settings import settings_as_seen_with

    seen = settings_as_seen_with(
        {
            "STORAGE_S3_BUCKET": "yuyang-union",
            "STORAGE_S3_ENDPOINT_URL": "https://minio.example.cn:9000",
            "STORAGE_S3_ACCESS_KEY_ID": "portal",
            "STORAGE_S3_SECRET_ACCESS_KEY": "secret",
        },
        ["STORAGES", "CONTENT_SECURITY_POLICY"],
    )
    storages = seen["STORAGES"]
    assert storages["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    prefixes = {
        alias: storage["OPTIONS"]["location"]
        for alias, storage in storages.items()
        if "OPTIONS" in storage
    }
    assert prefixes == {
        "default": "media",
        "case_documents": "private",
        "application_documents": "private",
        "job_results": "job-results",
        "import_uploads": "import-uploads",
    }
    for alias in ["case_documents", "application_documents", "job_results", "import_uploads"]:
        assert storages[alias]["BACKEND"].endswith("PrivateObjectStorage")
    assert all(s["OPTIONS"]["default_acl"] is None for s in storages.values() if "OPTIONS" in s)
    assert storages["default"]["OPTIONS"]["endpoint_url"] == "https://minio.example.cn:9000"
    images = seen["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]
    assert "https://minio.example.cn:9000" in images


def test_without_a_bucket_files_stay_in_the_local_folders():
    from tests.test_settings import settings_as_seen_with

    seen = settings_as_seen_with({"STORAGE_S3_BUCKET": ""}, ["STORAGES"])
    storages = seen["STORAGES"]
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["case_documents"]["OPTIONS"] == {"folder_setting": "PRIVATE_MEDIA_ROOT"}
