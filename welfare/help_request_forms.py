"""Forms of members' help requests (issue 18): what a member fills in on a phone, and what
staff fill in to turn a request into a household file or an education-aid proposal."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.pickers import UNIONS
from yuyang_union.applications.consent import ConsentFormMixin
from yuyang_union.applications.documents import DocumentsField
from yuyang_union.bounds import MoneyCeiling
from yuyang_union.personal_data.forms import IDNumberField, MobileField
from yuyang_union.pickers import SearchPickerField
from yuyang_union.versions.models import read_version_field
from yuyang_union.widgets import DateInput

from .models import CampaignKind, HardshipCause, HardshipTier, ReliefCampaign, SchoolLevel

CONSENT_LAST = ["consent", "sensitive_consent"]


def contact_phone_field() -> MobileField:
    return MobileField(
        label=_("mobile phone for notices"),
        required=False,
        help_text=_("Leave blank to use the mobile phone on your member record."),
    )


def causes_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("causes of hardship"),
        choices=HardshipCause.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one cause.")},
    )


def household_size_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("household size"),
        min_value=1,
        max_value=50,
        help_text=_("People living in the household."),
    )


def income_field(**kwargs) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("monthly income per person (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        validators=[MoneyCeiling("income")],
        **kwargs,
    )


class HardshipHelpForm(ConsentFormMixin):
    """困难帮扶申请, as a member fills it in."""

    household_size = household_size_field()
    monthly_income_per_person = income_field(
        help_text=_("The household's income in a month divided by the people in it.")
    )
    causes = causes_field()
    situation = forms.CharField(
        label=_("situation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What happened, and what help the household needs."),
    )
    documents = DocumentsField(
        help_text=_("Optional: medical records, disability certificate, proof of income.")
    )
    contact_phone = contact_phone_field()

    field_order = [
        "household_size", "monthly_income_per_person", "causes", "situation", "documents",
        "contact_phone", *CONSENT_LAST,
    ]  # fmt: skip


class EducationAidRequestForm(ConsentFormMixin):
    """金秋助学申请 for a child: the parent consents for the child as guardian (the sensitive
    consent's text says so)."""

    student_name = forms.CharField(label=_("student's name"), max_length=50)
    student_id_number = IDNumberField(label=_("student's ID number"))
    school = forms.CharField(
        label=_("school"), max_length=100, help_text=_("The school the student is admitted to.")
    )
    level = forms.ChoiceField(label=pgettext_lazy("school", "level"), choices=SchoolLevel.choices)
    admission_letter = DocumentsField(
        required=True,
        label=_("admission letter"),
        help_text=_("A photo or PDF of the admission letter (录取通知书)."),
        error_messages={"required": _("Attach the admission letter.")},
    )
    documents = DocumentsField(
        label=_("other documents"), help_text=_("Optional: proof of the family's hardship.")
    )
    contact_phone = contact_phone_field()

    field_order = [
        "student_name", "student_id_number", "school", "level", "admission_letter",
        "documents", "contact_phone", *CONSENT_LAST,
    ]  # fmt: skip


class HouseholdFromRequestForm(forms.Form):
    """The household registration prefilled from a hardship request; the head is the
    applicant (not chosen here)."""

    version = read_version_field()
    union = SearchPickerField(
        picker=UNIONS,
        label=_("registering union"),
        required=False,
        help_text=_("The head's own union unless you choose another."),
    )
    tier = forms.ChoiceField(label=_("tier"), choices=HardshipTier.choices)
    causes = causes_field()
    household_size = household_size_field()
    monthly_income_per_person = income_field(required=False)
    registered_on = forms.DateField(
        label=_("registered on"), widget=DateInput, initial=timezone.localdate
    )
    situation = forms.CharField(label=_("situation"), widget=forms.Textarea, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].for_user(user)


class AidProposalFromRequestForm(forms.Form):
    """The education-aid proposal prefilled from a request: staff choose the campaign and
    the amount; the student's ID number comes from the request (never typed again)."""

    version = read_version_field()
    campaign = forms.ModelChoiceField(label=_("campaign"), queryset=ReliefCampaign.objects.none())
    amount = forms.DecimalField(
        label=_("amount (yuan)"), max_digits=14, decimal_places=2, min_value=0.01
    )
    student_name = forms.CharField(label=_("student's name"), max_length=50)
    school = forms.CharField(label=_("school"), max_length=100)
    level = forms.ChoiceField(label=pgettext_lazy("school", "level"), choices=SchoolLevel.choices)
    notes = forms.CharField(label=_("notes"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["campaign"].queryset = ReliefCampaign.objects.filter(
            kind=CampaignKind.EDUCATION, year__gte=this_year - 1
        ).order_by("-year", "name")
