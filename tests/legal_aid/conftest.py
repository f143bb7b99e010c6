import pytest

from yuyang_union import roles


@pytest.fixture
def legal_staff(make_staff):
    return make_staff(roles.LEGAL)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Case documents go to a temporary folder, never the developer's private_media."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
