import pytest
from axes.utils import reset as reset_axes


@pytest.fixture(autouse=True)
def _fresh_axes(db):
    """Lockout state must not leak between tests (axes keeps attempts in the database)."""
    reset_axes()
    yield
    reset_axes()
