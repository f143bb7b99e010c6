"""Shared widgets (yuyang_union.widgets)."""

import datetime

from django import forms
from django.utils import translation

from yuyang_union.widgets import DateInput


class _DatedForm(forms.Form):
    on = forms.DateField(widget=DateInput, initial=datetime.date(2026, 11, 20))


def test_date_input_renders_iso_dates_in_chinese():
    # The zh-hans input format is 2026/11/20, which a browser's date picker cannot show.
    with translation.override("zh-hans"):
        html = str(_DatedForm()["on"])
    assert 'type="date"' in html
    assert 'value="2026-11-20"' in html
