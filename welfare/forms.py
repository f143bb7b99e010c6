from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member, Township
from members.pickers import MEMBERS, UNIONS
from yuyang_union.pickers import SearchPickerField
from yuyang_union.versions.forms import ReadVersionForm
from yuyang_union.widgets import DateInput

from .models import (
    FileStatus,
    GrantForm,
    HardshipCause,
    HardshipTier,
    LiftMeasure,
    ReliefCampaign,
    ReviewOutcome,
)


class HouseholdFilterForm(forms.Form):
    head_name = forms.CharField(label=_("Head's name contains"), required=False)
    tier = forms.ChoiceField(
        label=_("tier"), choices=[("", _("All")), *HardshipTier.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("All")), *FileStatus.choices], required=False
    )
    township = forms.ModelChoiceField(
        label=_("township"), queryset=Township.objects.all(), required=False
    )
    stale = forms.BooleanField(label=_("Not reviewed for 12 months"), required=False)
    review_due = forms.BooleanField(
        label=_("Yearly review due within 30 days or overdue"), required=False
    )
    never_assisted = forms.BooleanField(label=_("Never assisted"), required=False)


class HouseholdRegisterForm(forms.Form):
    """A new file: the head found by any part of the name (or the full ID number or mobile),
    the registering union preset to the head's own (still changeable, within the scope)."""

    head = SearchPickerField(
        picker=MEMBERS,
        label=_("head of household"),
        fills="union",
        help_text=_("Any part of the name, or the full ID number or mobile number."),
    )
    union = SearchPickerField(
        picker=UNIONS,
        label=_("registering union"),
        required=False,
        help_text=_("The head's own union unless you choose another."),
    )
    tier = forms.ChoiceField(label=_("tier"), choices=HardshipTier.choices)
    causes = forms.MultipleChoiceField(
        label=_("causes of hardship"),
        choices=HardshipCause.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    household_size = forms.IntegerField(label=_("household size"), min_value=1, initial=1)
    registered_on = forms.DateField(
        label=_("registered on"), widget=DateInput, initial=timezone.localdate
    )
    situation = forms.CharField(label=_("situation"), widget=forms.Textarea, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].for_user(user)
        self.fields["union"].for_user(user)
        head = self.initial.get("head")
        if isinstance(head, Member) and not self.initial.get("union"):
            self.initial["union"] = head.union


class ReviewForm(ReadVersionForm):
    reviewed_on = forms.DateField(
        label=_("reviewed on"), widget=DateInput, initial=timezone.localdate
    )
    outcome = forms.ChoiceField(
        label=pgettext_lazy("review", "outcome"), choices=ReviewOutcome.choices
    )
    new_tier = forms.ChoiceField(
        label=_("new tier"),
        choices=[("", pgettext_lazy("tier", "unchanged")), *HardshipTier.choices],
        required=False,
    )
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea, required=False)


class LiftOutForm(ReadVersionForm):
    lifted_out_on = forms.DateField(
        label=_("lifted out on"), widget=DateInput, initial=timezone.localdate
    )
    measure = forms.ChoiceField(label=_("measure"), choices=LiftMeasure.choices)


class CancelForm(ReadVersionForm):
    cancelled_on = forms.DateField(
        label=_("cancelled on"), widget=DateInput, initial=timezone.localdate
    )
    reason = forms.CharField(label=_("reason for cancelling"), max_length=200)


class GrantProposeForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("campaign"), queryset=ReliefCampaign.objects.none())
    amount = forms.DecimalField(
        label=_("amount (yuan)"), max_digits=14, decimal_places=2, min_value=0.01
    )
    form = forms.ChoiceField(label=_("cash or goods"), choices=GrantForm.choices)
    granted_on = forms.DateField(label=_("date"), widget=DateInput, initial=timezone.localdate)
    is_home_visit = forms.BooleanField(label=_("home visit"), required=False, initial=True)
    notes = forms.CharField(label=_("notes"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["campaign"].queryset = ReliefCampaign.objects.filter(
            year__gte=this_year - 1
        ).exclude(kind="education")
