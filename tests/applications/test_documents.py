import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yuyang_union.applications.documents import DocumentsField

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _photo_with_location() -> bytes:
    picture = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N"}  # GPS info
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_pdf_and_a_photo_pass_and_the_photo_loses_its_metadata(settings):
    photo = _photo_with_location()
    assert b"PhoneMaker" in photo
    checked = DocumentsField().clean(
        [
            SimpleUploadedFile("合同.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("欠条.jpg", photo, "image/jpeg"),
        ]
    )
    assert [doc.content_type for doc in checked] == ["application/pdf", "image/jpeg"]
    assert [doc.original_name for doc in checked] == ["合同.pdf", "欠条.jpg"]
    stored = checked[1].content.read()
    assert b"PhoneMaker" not in stored
    assert Image.open(io.BytesIO(stored)).size == (40, 30)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("fake.jpg", b"\xff\xd8\xff\xe0 not really a picture"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj<<>>"),
    ],
)
def test_anything_else_is_refused_by_its_content(name, content):
    with pytest.raises(ValidationError) as refused:
        DocumentsField().clean([SimpleUploadedFile(name, content)])
    assert name in refused.value.messages[0]


def test_size_and_count_limits(settings):
    settings.APPLICATION_DOCUMENT_MAX_MB = 0.001
    with pytest.raises(ValidationError, match="最多"):
        DocumentsField().clean([SimpleUploadedFile("big.pdf", PDF + b" " * 2000)])
    settings.APPLICATION_DOCUMENT_MAX_MB = 10
    settings.APPLICATION_DOCUMENTS_MAX = 2
    with pytest.raises(ValidationError):
        DocumentsField().clean([SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(3)])


def test_a_required_field_wants_a_file():
    with pytest.raises(ValidationError):
        DocumentsField(required=True).clean([])
    assert DocumentsField().clean([]) == []
