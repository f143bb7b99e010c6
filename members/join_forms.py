"""The join form (入会申请), public and phone-first, and the officer's approval form.

Nothing here writes: the join view hands an unsaved Application and JoinApplication to
`submit_application`; the approval view calls `joining.approve_join_application`.
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yuyang_union.applications.consent import ConsentFormMixin
from yuyang_union.personal_data.forms import IDNumberField, MobileField
from yuyang_union.pickers import SearchPickerField
from yuyang_union.users import Visitor
from yuyang_union.versions.models import read_version_field

from .models import Township
from .pickers import REGISTERED_EMPLOYERS, UNIONS
from .reference import ETHNICITY_CHOICES, EmploymentGroup


class TownshipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class JoinForm(ConsentFormMixin, forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("person", "name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name as on your ID card.")},
    )
    id_number = IDNumberField(error_messages={"required": _("Enter your ID number.")})
    phone = MobileField(
        label=_("mobile phone"),
        help_text=_("The application number and each decision are sent to this number."),
        error_messages={"required": _("Enter your mobile number.")},
    )
    ethnicity = forms.ChoiceField(label=_("ethnicity"), choices=ETHNICITY_CHOICES, initial="土家族")
    employer = SearchPickerField(
        picker=REGISTERED_EMPLOYERS,
        label=pgettext_lazy("member", "employer"),
        required=False,
        help_text=_("Type part of your employer's registered name and choose it from the list."),
    )
    no_employer = forms.BooleanField(
        label=_("I have no employer, or I work through a platform"), required=False
    )
    platform_name = forms.CharField(
        label=_("platform"),
        max_length=50,
        required=False,
        help_text=_("The platform you work through, e.g. 美团, 顺丰 (if any)."),
    )
    township = TownshipChoiceField(
        label=_("township where you work"),
        queryset=Township.objects.order_by("ordering", "name"),
        empty_label=_("Choose the township"),
        error_messages={"required": _("Choose the township where you work.")},
    )
    occupation = forms.CharField(
        label=_("occupation"),
        max_length=50,
        help_text=_("E.g. courier, cook, lorry driver."),
        error_messages={"required": _("Enter your occupation.")},
    )
    employment_group = forms.ChoiceField(
        label=_("new-employment-form group"),
        choices=[("", _("None of these")), *EmploymentGroup.choices],
        required=False,
    )

    field_order = [
        "name", "id_number", "phone", "ethnicity", "employer", "no_employer", "platform_name",
        "township", "occupation", "employment_group", "consent", "sensitive_consent",
    ]  # fmt: skip

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SearchPickerField, self.fields["employer"]).for_user(user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        employer = cleaned.get("employer")
        no_employer = cleaned.get("no_employer")
        if "employer" in cleaned and not employer and not no_employer:
            self.add_error(
                "employer",
                _("Choose your employer, or tick “no employer, or platform work” below."),
            )
        if employer and no_employer:
            self.add_error(
                "no_employer",
                _("You chose an employer: untick this box, or clear the employer."),
            )
        if cleaned.get("platform_name") and not no_employer:
            self.add_error(
                "platform_name",
                _("A platform is for platform work: tick the box above, or clear the platform."),
            )
        return cleaned


class ApproveForm(forms.Form):
    """The officer confirms the union the member joins and their employer."""

    version = read_version_field()
    union = SearchPickerField(
        picker=UNIONS,
        label=_("union the member joins"),
        help_text=_("The union the application was routed to; change it if it belongs elsewhere."),
        error_messages={"required": _("Choose the union the member joins.")},
    )
    employer = SearchPickerField(
        picker=REGISTERED_EMPLOYERS,
        label=pgettext_lazy("member", "employer"),
        required=False,
        help_text=_("Leave empty for a worker without an employer (platform work)."),
    )

    def __init__(self, *args: Any, user: Visitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SearchPickerField, self.fields["union"]).for_user(user)
        cast(SearchPickerField, self.fields["employer"]).for_user(user)
