from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Employer
from yuyang_union.widgets import DateInput

from .models import CaseKind, CaseStatus, Channel, Consultation
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


class CaseMoveForm(forms.Form):
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
    # The status the page showed: a repeated or late move is told where the case is now.
    from_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s.value, s.label) for s in case.allowed_moves]
        self.fields["on"].initial = timezone.localdate()
        self.fields["from_status"].initial = case.status


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
    """The hotline quick entry: a few fields, the employer by credit code or exact name."""

    employer_lookup = forms.CharField(
        label=pgettext_lazy("labour law", "employer"),
        required=False,
        max_length=150,
        help_text=_("Unified social credit code or exact registered name; may stay empty."),
    )

    class Meta:
        model = Consultation
        fields = ["date", "channel", "topics", "workers_served", "summary"]
        widgets = {"date": DateInput, "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        self.fields["channel"].initial = Channel.HOTLINE

    def clean_employer_lookup(self):
        text = self.cleaned_data["employer_lookup"].strip()
        if not text:
            return None
        matches = list(
            Employer.objects.filter(credit_code=text.upper())[:1]
            or Employer.objects.filter(name=text)[:2]
        )
        if not matches:
            raise ValidationError(_("No employer has this credit code or name."))
        if len(matches) > 1:
            raise ValidationError(_("Several employers have this name: give the credit code."))
        return matches[0]
