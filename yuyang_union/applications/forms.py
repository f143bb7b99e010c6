"""Forms of the applications toolkit: staff answers, and a visitor's status lookup."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yuyang_union.personal_data.forms import MobileField
from yuyang_union.versions.models import read_version_field

from .models import ApplicationKind, ApplicationStatus, DeclineReason


class AcceptForm(forms.Form):
    version = read_version_field()
    note = forms.CharField(
        label=_("Note to the applicant"),
        max_length=300,
        required=False,
        help_text=_("Optional: who will contact them, what to bring."),
    )


class DeclineForm(forms.Form):
    version = read_version_field()
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(
        label=_("Note to the applicant"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The applicant reads it: say what they can do next."),
    )


class InboxFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All kinds")), *ApplicationKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("status"),
        choices=[("", _("All open")), *ApplicationStatus.choices, ("all", _("All"))],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    number = forms.CharField(label=_("application number"), max_length=40, required=False)


class StatusLookupForm(forms.Form):
    """A visitor (no account yet) looks up an application by its number and their phone."""

    number = forms.CharField(
        label=_("application number"),
        max_length=40,
        help_text=_("As in the text message, e.g. 入会申〔2026〕第12号."),
    )
    phone = MobileField(label=_("mobile phone given in the application"))
