import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads and thumbnails go to a throwaway MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def committed_rows(transactional_db, migrated_rows):
    """For tests whose rows must be committed (threads): transactional tests start from
    emptied tables, so put back what migrations made (roles, the union root)."""
    migrated_rows.restore()
