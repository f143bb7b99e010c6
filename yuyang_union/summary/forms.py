import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yuyang_union.widgets import DateInput

from .compose import CONGRESS_START
from .models import FIRST_YEAR, LAST_YEAR, Snapshot


class PeriodForm(forms.Form):
    """The period of the summary, both dates included; by default since the 11th congress."""

    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("To"), widget=DateInput)

    @classmethod
    def from_query(cls, query):
        """Bound to the query string, with the default period for any date it lacks."""
        data = {
            "start": query.get("start") or CONGRESS_START.isoformat(),
            "end": query.get("end") or timezone.localdate().isoformat(),
        }
        return cls(data)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            day = cleaned.get(name)
            if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
                self.add_error(
                    name,
                    _("Give a date between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
        if start and end and start > end:
            self.add_error("end", _("The end of the period is before its start."))
        return cleaned


def default_period():
    return CONGRESS_START, timezone.localdate()


def year_periods(today=None):
    """(label, start, end) for each year since the congress, this year up to today."""
    today = today or timezone.localdate()
    periods = []
    for year in range(CONGRESS_START.year, today.year + 1):
        end = min(datetime.date(year, 12, 31), today)
        periods.append((str(year), datetime.date(year, 1, 1), end))
    return periods


class SnapshotForm(forms.ModelForm):
    class Meta:
        model = Snapshot
        fields = ["name", "start", "end"]
        labels = {"name": _("Snapshot name")}
        widgets = {"start": forms.HiddenInput, "end": forms.HiddenInput}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return cleaned
