"""The login form: members sign in with their mobile number or their login name."""

from typing import Any

from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's AuthenticationForm, its first field named for what members may type.

    The field keeps its name `username` (axes and the authentication backends read it); the
    phone is recognised by members.auth.MemberPhoneBackend.
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The mobile number or login name and the password do not match an account. "
            "Check what you typed."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.label = _("Mobile number or login name")
        field.widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        field.help_text = _("Members may type the mobile number their union has on file.")
