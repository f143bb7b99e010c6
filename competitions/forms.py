from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Member
from yuyang_union.excel.upload_form import measure_upload
from yuyang_union.scoping import union_in_scope
from yuyang_union.validators import normalize_id_number, validate_id_number
from yuyang_union.widgets import DateInput, IDNumberInput

from .models import Award, CompetitionKind, CompetitionStatus, TitleKind
from .services import parse_score


class CompetitionFilterForm(forms.Form):
    name = forms.CharField(label=_("Name contains"), required=False, max_length=50)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *CompetitionKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *CompetitionStatus.choices],
    )
    start = forms.DateField(label=_("Starting from"), required=False, widget=DateInput)
    end = forms.DateField(label=_("Starting until"), required=False, widget=DateInput)
    held = forms.BooleanField(
        label=_("Held only"),
        required=False,
        help_text=_("Under way, finished or results published: what the summary counts."),
    )


class ScoreGridForm(forms.Form):
    """One form for a whole event: a score and an award cell per entry.

    Cells are named score_<entry id> / award_<entry id>; errors are attached to their cell.
    """

    def __init__(self, *args, entries, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        self.event = event
        for entry in self.entries:
            self.fields[f"score_{entry.pk}"] = forms.CharField(
                label=_("Score of %(name)s") % {"name": entry.member.name},
                required=False,
                initial="" if entry.score is None else entry.score,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 7}),
            )
            self.fields[f"award_{entry.pk}"] = forms.ChoiceField(
                label=_("Award of %(name)s") % {"name": entry.member.name},
                choices=Award.choices,
                initial=entry.award,
            )

    def clean(self):
        cleaned = super().clean()
        scores = {}
        for entry in self.entries:
            name = f"score_{entry.pk}"
            if name not in cleaned:
                continue
            try:
                score = parse_score(cleaned[name], max_score=self.event.max_score)
            except ValidationError as exc:
                self.add_error(name, exc)
                continue
            award = cleaned.get(f"award_{entry.pk}")
            if award is not None:
                scores[entry] = (score, award)
        cleaned["scores"] = scores
        return cleaned

    def rows(self):
        """(entry, score field, award field) for the template."""
        return [(e, self[f"score_{e.pk}"], self[f"award_{e.pk}"]) for e in self.entries]


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel file (.xlsx)"),
        help_text=_(
            "Columns: 项目, 身份证号码, 姓名, 单位 (or 统一社会信用代码), 队名, 成绩, 奖项. "
            "Store ID numbers as text."
        ),
    )

    def clean_file(self):
        """Measured before anything opens it (`yuyang_union.excel.limits`)."""
        upload = self.cleaned_data["file"]
        self.workbook, self.shape = measure_upload(upload)
        return upload


class StatusForm(forms.Form):
    to = forms.ChoiceField(choices=CompetitionStatus.choices)


class AwardTitleForm(forms.Form):
    """The member is named by ID number (posted, never in a URL) and checked against the name."""

    id_number = forms.CharField(label=_("ID number"), max_length=20, widget=IDNumberInput())
    member_name = forms.CharField(label=_("Name"), max_length=50)
    kind = forms.ChoiceField(label=_("Title"), choices=TitleKind.choices)
    name = forms.CharField(
        label=_("Name of another title"), max_length=60, required=False,
        help_text=_("Only for other titles."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_id_number(self):
        number = normalize_id_number(self.cleaned_data["id_number"])
        validate_id_number(number)
        return number

    def clean(self):
        cleaned = super().clean()
        number, name = cleaned.get("id_number"), cleaned.get("member_name")
        if number and name:
            member = Member.objects.with_id_number(number).select_related("union").first()
            if member is None or not union_in_scope(self.user, member.union):
                self.add_error("id_number", _("No member has this ID number."))
            elif member.name != name.strip():
                self.add_error("member_name", _("The name does not match this ID number."))
            else:
                cleaned["member"] = member
        if cleaned.get("kind") == TitleKind.OTHER and not cleaned.get("name"):
            self.add_error("name", _("Give the name of the title."))
        return cleaned
