"""Forms of the second factor and of re-authentication."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from yuyang_union.users import Actor

from .verification import needs_second_factor


def code_field(*, label: Any, help_text: Any = "", numeric: bool = True) -> forms.CharField:
    attrs = {"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
    if numeric:
        attrs["inputmode"] = "numeric"
    return forms.CharField(
        label=label,
        max_length=20,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class VerifyForm(forms.Form):
    token = code_field(
        label=_("Verification code"),
        help_text=_(
            "The six digits your authenticator app shows now, or one of your recovery codes."
        ),
        numeric=False,
    )


class EnrolForm(forms.Form):
    token = code_field(
        label=_("Code from the app"),
        help_text=_("After adding the account, type the six digits the app shows."),
    )


class ConfirmForm(forms.Form):
    """The password again, and for staff a code again."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )

    def __init__(self, *args: Any, request: HttpRequest, user: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user
        if needs_second_factor(user):
            self.fields["token"] = code_field(
                label=_("Verification code"),
                help_text=_("From your authenticator app, or a recovery code."),
                numeric=False,
            )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # Through authenticate(), so that django-axes counts a wrong password here too.
        if authenticate(self.request, username=self.user.get_username(), password=password) != (
            self.user
        ):
            raise forms.ValidationError(_("The password is wrong."), code="wrong_password")
        return password
