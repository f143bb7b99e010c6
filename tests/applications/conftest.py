import pytest

from yuyang_union.applications import kinds
from yuyang_union.applications.kinds import KindHandler
from yuyang_union.applications.models import ApplicationKind

# A kind handled by whoever may see the inbox, with no details model: the toolkit on its own.
TEST_HANDLER = KindHandler(
    kind=ApplicationKind.LEGAL_HELP,
    permission="applications.view_application",
    details_attribute="no_details_here",
    staff_template="",
    applicant_template="",
    apply_url_name="applications:apply",
)


@pytest.fixture
def test_kind(monkeypatch):
    """Only the test handler is registered while the test runs."""
    monkeypatch.setattr(kinds, "_handlers", {TEST_HANDLER.kind: TEST_HANDLER})
    return TEST_HANDLER


class Details:
    """Stands in for a kind's own model: the toolkit only sets, checks and saves it."""

    application = None
    saved = False

    def full_clean(self):
        pass

    def save(self):
        self.saved = True
