from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessReason


class RevealForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you need the full number?"),
        choices=AccessReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you need the full number.")},
    )
