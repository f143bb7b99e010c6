from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.pickers import EMPLOYERS
from members.selectors import employers_headcount
from yuyang_union.pickers import SearchPickerField, Typed
from yuyang_union.versions.forms import ReadVersionForm
from yuyang_union.widgets import DateInput

from .models import CaseKind, CaseStatus, Channel, CollectiveContract, Consultation
from .models.documents import DOCUMENT_EXTENSIONS


class CaseFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All")), *CaseKind.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("status"), choices=[("", _("All")), *CaseStatus.choices], required=False
    )
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)
    accepted_from = forms.DateField(label=_("accepted from"), required=False, widget=DateInput)
    accepted_to = forms.DateField(label=_("accepted until"), required=False, widget=DateInput)
    reference = forms.CharField(label=_("reference number"), required=False, max_length=30)

    def filter(self, queryset):
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["year"]:
            queryset = queryset.filter(year=data["year"])
        if data["accepted_from"]:
            queryset = queryset.filter(accepted_on__gte=data["accepted_from"])
        if data["accepted_to"]:
            queryset = queryset.filter(accepted_on__lte=data["accepted_to"])
        if data["reference"]:
            queryset = queryset.filter(reference=data["reference"].strip())
        return queryset


class CaseMoveForm(ReadVersionForm):
    to_status = forms.ChoiceField(label=_("move to"))
    on = forms.DateField(label=_("date"), widget=DateInput)
    amount_recovered = forms.DecimalField(
        label=_("amount recovered (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Fill in when the case is settled."),
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, case, **kwargs):
        # The move is refused if the case changed since its page was read.
        super().__init__(*args, record=case, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in case.allowed_moves]
        self.fields["on"].initial = timezone.localdate()


class CaseDocumentForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "title"), max_length=120)
    upload = forms.FileField(
        label=_("file"),
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
        help_text=_("PDF, Word, Excel or a photo; at most 20 MB."),
    )

    MAX_BYTES = 20 * 1024 * 1024

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("A document may be at most 20 MB."))
        return upload


class ConsultationQuickForm(forms.ModelForm):
    """The hotline quick entry: a few fields; the employer chosen from the register by any
    part of its name (or its credit code), or typed as given when it is not registered."""

    employer = SearchPickerField(
        picker=EMPLOYERS,
        free_text=True,
        label=pgettext_lazy("labour law", "employer"),
        required=False,
        help_text=_(
            "Type any part of the name and choose from the list; a name not in the register "
            "is kept as typed. May stay empty."
        ),
    )

    class Meta:
        model = Consultation
        fields = ["date", "channel", "topics", "workers_served", "summary"]
        widgets = {"date": DateInput, "summary": forms.Textarea(attrs={"rows": 3})}

    field_order = ["date", "channel", "topics", "workers_served", "employer", "summary"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].for_user(user)
        self.fields["date"].initial = timezone.localdate()
        self.fields["channel"].initial = Channel.HOTLINE

    def employer_fields(self):
        """{"employer": ..., "employer_name": ...} for the consultation, from the picker."""
        chosen = self.cleaned_data.get("employer")
        if isinstance(chosen, Typed):
            return {"employer": None, "employer_name": chosen.text}
        return {"employer": chosen, "employer_name": ""}


class CollectiveContractAdminForm(forms.ModelForm):
    """The admin's contract form: 覆盖职工人数 offered from the employers' headcounts.

    Left empty (or 0), it is filled in with the sum of the chosen employers' headcounts; the
    help text shows that sum for the employers saved, so staff can see it before they decide.
    """

    class Meta:
        model = CollectiveContract
        fields = [
            "union", "title", "kind", "scope", "employers", "workers_covered", "signed_on",
            "expires_on", "filed_with_hrss", "filed_on", "notes",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("workers_covered")
        if field is None:
            return
        field.required = False
        if self.instance.pk:
            total = employers_headcount(self.instance.employers.all())
            field.help_text = _(
                "The employers covered have %(total)s workers; left empty, this is filled in."
            ) % {"total": total}
        else:
            field.help_text = _(
                "Left empty, this is filled in with the employers' headcounts added up."
            )

    def clean(self):
        cleaned = super().clean()
        employers = cleaned.get("employers")
        if not cleaned.get("workers_covered") and employers:
            cleaned["workers_covered"] = employers_headcount(employers)
        elif cleaned.get("workers_covered") is None:
            cleaned["workers_covered"] = 0
        return cleaned
