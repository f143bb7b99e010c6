"""The forms of legal help requests: the member's request (phone-first), and the staff's
answers prefilled from it (a consultation, a case intake)."""

import dataclasses
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.pickers import EMPLOYERS
from yuyang_union.applications.consent import ConsentFormMixin
from yuyang_union.applications.documents import DocumentsField
from yuyang_union.applications.models import Application
from yuyang_union.personal_data.forms import MobileField
from yuyang_union.pickers import SearchPickerField, Typed
from yuyang_union.versions.models import read_version_field

from .forms import ConsultationQuickForm
from .intake import (
    MAX_APPLICANT_ROWS,
    ApplicantForm,
    BaseApplicantFormSet,
    CaseIntakeForm,
)
from .models import CaseKind, Channel, LegalHelpRequest

# The register's employers as a member searches them (the staff picker's search and labels;
# a member is not limited to a subtree), at an address members may post to.
MEMBER_EMPLOYERS = dataclasses.replace(EMPLOYERS, url_name="legal_aid:help-request-employers")


class LegalHelpRequestForm(ConsentFormMixin, forms.ModelForm):
    """What happened, the employer (found in the register, or typed), the money, the workers,
    documents and the two consents. A phone is asked only when the roster has none."""

    employer_lookup = SearchPickerField(
        picker=MEMBER_EMPLOYERS,
        free_text=True,
        label=pgettext_lazy("labour law", "employer"),
        help_text=_(
            "Type any part of the name and choose from the list; a name not in the list is "
            "kept as typed."
        ),
        error_messages={"required": _("Give the employer's name.")},
    )
    contact_phone = MobileField(
        label=_("mobile phone"),
        required=False,
        help_text=_("Where we send news of your request."),
    )
    documents = DocumentsField(
        label=_("Documents (optional)"),
    )

    class Meta:
        model = LegalHelpRequest
        fields = ["matter", "what_happened", "amount_owed", "workers_affected"]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 5}),
            "amount_owed": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.01", "min": 0}
            ),
            "workers_affected": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
        }
        error_messages = {
            "what_happened": {"required": _("Tell us what happened.")},
            "matter": {"required": _("Choose what it is about.")},
        }

    field_order = [
        "matter",
        "what_happened",
        "employer_lookup",
        "amount_owed",
        "workers_affected",
        "contact_phone",
        "documents",
        "consent",
        "sensitive_consent",
    ]

    def __init__(self, *args: Any, member: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.member = member
        lookup = self.fields["employer_lookup"]
        assert isinstance(lookup, SearchPickerField)  # noqa: S101 (declared above)
        lookup.for_user(user)
        if member.employer_id and not self.is_bound:
            self.fields["employer_lookup"].initial = member.employer
        self.fields["amount_owed"].required = True
        self.fields["amount_owed"].error_messages["required"] = _(
            "Give the amount owed in yuan (0 if none)."
        )
        self.fields["workers_affected"].error_messages["required"] = _(
            "Give how many workers are affected."
        )
        if member.phone:
            # The roster's phone: notices go there; the page shows it masked.
            del self.fields["contact_phone"]
        else:
            self.fields["contact_phone"].required = True

    def _post_clean(self) -> None:
        # The employer comes from the lookup, so set it before the model is validated.
        chosen = self.cleaned_data.get("employer_lookup")
        if isinstance(chosen, Typed):
            self.instance.employer, self.instance.employer_name = None, chosen.text[:150]
        elif chosen is not None:
            self.instance.employer, self.instance.employer_name = chosen, ""
        super()._post_clean()  # type: ignore[misc]

    def _update_errors(self, errors: Any) -> None:
        # The model names "employer"; on this form it is the lookup field.
        if hasattr(errors, "error_dict") and "employer" in errors.error_dict:
            moved = errors.error_dict.pop("employer")
            if not self.has_error("employer_lookup"):
                errors.error_dict.setdefault("employer_lookup", []).extend(moved)
        super()._update_errors(errors)  # type: ignore[misc]

    def contact_phone_value(self) -> str:
        return self.member.phone or self.cleaned_data["contact_phone"]


class HelpRequestConsultationForm(ConsultationQuickForm):
    """The consultation quick entry, prefilled from the request; it posts back the version of
    the application it was read at (a second click, another officer: refused)."""

    version = read_version_field()

    def __init__(
        self, *args: Any, application: Application, details: LegalHelpRequest, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["version"].initial = application.version
        if not self.is_bound:
            self.fields["channel"].initial = Channel.ONLINE
            self.fields["topics"].initial = [details.matter]
            self.fields["workers_served"].initial = details.workers_affected
            self.fields["employer"].initial = (
                details.employer if details.employer_id else Typed(details.employer_name)
            )
            self.fields["summary"].initial = _prefilled_summary(application, details)


def _prefilled_summary(application: Application, details: LegalHelpRequest) -> str:
    head = _("%(applicant)s, application %(number)s: ") % {
        "applicant": application.applicant_name,
        "number": application.number,
    }
    return (head + details.what_happened)[:1000]


class HelpRequestCaseForm(CaseIntakeForm):
    """The case intake prefilled from the request (a legal-aid case against the employer)."""

    version = read_version_field()

    def __init__(
        self, *args: Any, application: Application, details: LegalHelpRequest, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.application = application
        self.fields["version"].initial = application.version
        if not self.is_bound:
            self.fields["kind"].initial = CaseKind.LEGAL_AID
            self.fields["matter"].initial = details.matter
            self.fields["workers_involved"].initial = details.workers_affected
            self.fields["amount_claimed"].initial = details.amount_owed
            self.fields["facts"].initial = details.what_happened
            if details.employer_id:
                self.fields["employer_lookup"].initial = details.employer
            elif "respondent_name" in self.fields:
                self.fields["respondent_name"].initial = details.employer_name
        self.fields["received_on"].initial = timezone.localdate()


def other_applicants_formset(*, data: Any = None, user: Any, rows: int = 1) -> Any:
    """Applicants besides the member who asked (a group of workers): none needed."""
    formset_class = forms.formset_factory(
        ApplicantForm,
        formset=BaseApplicantFormSet,
        extra=max(0, min(rows, MAX_APPLICANT_ROWS)),
        max_num=MAX_APPLICANT_ROWS,
        validate_max=True,
    )
    return formset_class(data=data, prefix="applicants", form_kwargs={"user": user})
