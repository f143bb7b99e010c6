"""The case intake page's forms: the case itself and its applicants (a formset).

Nothing here writes: the view hands the unsaved Case and CaseApplicants to
`services.register_case`, which saves them in one transaction with the reference number.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Member
from members.pickers import EMPLOYERS
from yuyang_union import roles
from yuyang_union.personal_data.forms import IDNumberField
from yuyang_union.pickers import SearchPickerField
from yuyang_union.scoping import user_union
from yuyang_union.validators import normalize_id_number
from yuyang_union.widgets import DateInput

from .models import Case, CaseApplicant, Lawyer

# Applicant rows offered at first, and the most a "more rows" link may ask for.
APPLICANT_ROWS = 3
MAX_APPLICANT_ROWS = 60


class LawyerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The firm would cost a join per option for little use: the name identifies.
        return obj.name


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class CaseIntakeForm(forms.ModelForm):
    """Case fields; the respondent chosen from the register (a search picker), or, for
    county staff, typed by name when it is not registered."""

    employer_lookup = SearchPickerField(
        picker=EMPLOYERS,
        label=_("respondent employer"),
        required=False,
        help_text=_("Any part of the registered name, or the unified social credit code."),
    )

    class Meta:
        model = Case
        fields = [
            "kind",
            "received_on",
            "respondent_name",
            "matter",
            "workers_involved",
            "amount_claimed",
            "assigned_staff",
            "lawyer",
            "facts",
        ]
        widgets = {
            "received_on": DateInput,
            "facts": forms.Textarea(attrs={"rows": 4}),
            "workers_involved": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "amount_claimed": forms.NumberInput(
                attrs={"inputmode": "decimal", "step": "0.01", "min": 0}
            ),
        }
        field_classes = {"lawyer": LawyerChoiceField, "assigned_staff": StaffChoiceField}

    field_order = ["kind", "received_on", "employer_lookup", "respondent_name"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.scope = user_union(user)
        self.fields["employer_lookup"].for_user(user)  # the employers of the user's scope
        self.fields["received_on"].initial = timezone.localdate()
        # Small tables, one query each whatever their size: active lawyers, legal staff.
        self.fields["lawyer"].queryset = Lawyer.objects.filter(is_active=True).order_by(
            "name", "id"
        )
        staff = get_user_model().objects.filter(is_active=True, groups__name=roles.LEGAL)
        if self.scope is not None:
            staff = staff.filter(staff_profile__union__path__startswith=self.scope.path)
        self.fields["assigned_staff"].queryset = staff.order_by("username").distinct()
        self.fields["assigned_staff"].initial = user.pk
        if self.scope is not None:
            # A case without a registered employer would fall outside every union's scope,
            # so officers limited to a union must choose one of theirs.
            del self.fields["respondent_name"]

    def clean(self):
        cleaned = super().clean()
        employer = cleaned.get("employer_lookup")
        typed_name = (cleaned.get("respondent_name") or "").strip()
        if "employer_lookup" in cleaned and not employer and not typed_name:
            self.add_error(
                "employer_lookup",
                _("Find the respondent employer, or type its name below if it is not registered.")
                if "respondent_name" in self.fields
                else _("Find the respondent employer."),
            )
        return cleaned

    def _post_clean(self):
        # The respondent comes from the lookup, so set it before the model is validated.
        if self.cleaned_data.get("employer_lookup"):
            self.instance.respondent = self.cleaned_data["employer_lookup"]
            self.instance.respondent_name = ""
        super()._post_clean()

    def _update_errors(self, errors):
        # Case.clean() names the model's "respondent"; on this form it is the lookup field.
        if hasattr(errors, "error_dict") and "respondent" in errors.error_dict:
            moved = errors.error_dict.pop("respondent")
            if not self.has_error("employer_lookup"):
                errors.error_dict.setdefault("employer_lookup", []).extend(moved)
        super()._update_errors(errors)

    def build_case(self):
        """The unsaved case, ready for `services.register_case`."""
        return self.instance


class ApplicantForm(forms.Form):
    """One applicant: a member found by ID number, or another worker (name + ID number)."""

    id_number = IDNumberField()
    name = forms.CharField(
        label=pgettext_lazy("person", "name"),
        max_length=50,
        required=False,
        help_text=_("Needed only when the worker is not a member."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_id_number(self):
        return normalize_id_number(self.cleaned_data["id_number"])

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("id_number")
        cleaned["member"] = None
        if not number:
            return cleaned
        members = Member.objects.with_id_number(number)
        scope = user_union(self.user)
        if scope is not None:
            members = members.in_subtree(scope)
        cleaned["member"] = members.first()
        if cleaned["member"] is None and not cleaned.get("name", "").strip():
            self.add_error(
                "name", _("No member in your scope has this ID number: give the worker's name.")
            )
        return cleaned

    def build_applicant(self):
        member = self.cleaned_data["member"]
        if member is not None:
            return CaseApplicant(member=member)
        return CaseApplicant(
            name=self.cleaned_data["name"].strip(), id_number=self.cleaned_data["id_number"]
        )


class BaseApplicantFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            number = form.cleaned_data.get("id_number")
            if not number:
                continue
            if number in seen:
                form.add_error("id_number", _("This worker is already listed above."))
            seen.add(number)

    def build_applicants(self):
        return [
            form.build_applicant()
            for form in self.forms
            if form.cleaned_data and form.cleaned_data.get("id_number")
        ]


def applicant_formset(*, data=None, user, rows=APPLICANT_ROWS):
    rows = max(1, min(rows, MAX_APPLICANT_ROWS))
    formset_class = forms.formset_factory(
        ApplicantForm,
        formset=BaseApplicantFormSet,
        extra=rows,
        min_num=1,
        validate_min=True,
        max_num=MAX_APPLICANT_ROWS,
        validate_max=True,
    )
    # min_num adds to extra; keep the rows offered at `rows`.
    formset_class.extra = rows - 1
    return formset_class(data=data, prefix="applicants", form_kwargs={"user": user})
