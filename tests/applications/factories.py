import datetime

import factory
from django.utils import timezone

from tests.members.factories import UnionFactory, make_mobile
from yuyang_union.applications.consent import CONSENT_VERSION
from yuyang_union.applications.models import Application, ApplicationKind
from yuyang_union.applications.services import next_sequence


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application as submitted (rows made directly: pages and counts, not the service)."""

    class Meta:
        model = Application

    kind = ApplicationKind.LEGAL_HELP
    year = 2026
    # From the counter, as the service numbers them: factory rows and submitted ones never clash.
    sequence = factory.LazyAttribute(lambda o: next_sequence(kind=o.kind, year=o.year))
    number = factory.LazyAttribute(lambda o: Application.format_number(o.kind, o.year, o.sequence))
    union = factory.SubFactory(UnionFactory)
    applicant_name = factory.Sequence(lambda n: f"申请人{n}")
    contact_phone = factory.LazyFunction(make_mobile)
    submitted_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(lambda o: o.submitted_at + datetime.timedelta(days=9))
    consent_version = CONSENT_VERSION
    consented_at = factory.LazyAttribute(lambda o: o.submitted_at)
    sensitive_consent = True
