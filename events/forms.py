import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Township
from yuyang_union.users import Actor
from yuyang_union.validators import validate_id_number, validate_mobile
from yuyang_union.versions.forms import ReadVersionForm
from yuyang_union.widgets import IDNumberInput, MobileInput

from . import services
from .models import EventCategory


class MonthInput(forms.DateInput):
    input_type = "month"


class EventFilterForm(forms.Form):
    """Filters of the public event list. Every one of them rides on an index."""

    q = forms.CharField(
        label=_("Search titles"),
        required=False,
        max_length=60,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("A word of the title, e.g. 走访")}
        ),
        help_text=_("Finds events whose title contains these words."),
    )
    month = forms.CharField(
        label=_("Month"), required=False, widget=MonthInput(attrs={"placeholder": "2022-06"})
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *EventCategory.choices],
    )
    township = forms.ModelChoiceField(
        label=_("Township"),
        required=False,
        queryset=Township.objects.all(),
        empty_label=_("All townships"),
    )

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            year, month = (int(part) for part in value.split("-"))
            return datetime.date(year, month, 1)
        except ValueError:
            raise ValidationError(_("Give a month as YYYY-MM."), code="month") from None


class CodeField(forms.CharField):
    """The six digits of a code sent by SMS (blanks forgiven)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code from the text message"))
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "maxlength": 8}
            ),
        )
        super().__init__(max_length=12, **kwargs)

    def clean(self, value):
        code = "".join(str(super().clean(value)).split())
        if not (code.isascii() and code.isdigit() and len(code) == services.CODE_DIGITS):
            raise ValidationError(
                _("The code is the %(digits)d digits in the text message."),
                code="code_format",
                params={"digits": services.CODE_DIGITS},
            )
        return code


def _mobile_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        validators=[validate_mobile],
        widget=MobileInput(),
        help_text=_("The number your union has on file."),
    )


def _password_fields() -> tuple[forms.CharField, forms.CharField]:
    password1, password2 = SetPasswordMixin.create_password_fields(
        label1=_("Password"), label2=_("Password again")
    )
    password1.help_text = _("At least 10 characters; not only digits, not a common password.")
    password2.help_text = ""
    return password1, password2


class NewPasswordMixin(SetPasswordMixin):
    """Django's two password fields that must agree and pass the validators (the errors at
    `password1`, where the page shows the rules)."""

    error_messages = {"password_mismatch": _("The two passwords differ.")}

    def check_passwords(self, user: Actor) -> None:
        self.validate_passwords()
        self.validate_password_for_user(user, "password1")


class ActivationRequestForm(forms.Form):
    """Activation, step 1: who the member is, as the roster has them."""

    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=24,
        validators=[validate_id_number],
        widget=IDNumberInput(),
    )
    phone = _mobile_field()


class ActivationCodeForm(NewPasswordMixin, forms.Form):
    """Activation, step 2: the code, then the login name and password chosen."""

    code = CodeField()
    username = forms.CharField(
        label=_("Login name"),
        max_length=30,
        help_text=_(
            "Chinese characters, letters, digits and @/./+/-/_ (no spaces), e.g. 张晓梅; "
            "you can also log in with your mobile number."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password1, password2 = _password_fields()

    def clean_username(self):
        return services.check_login_name(self.cleaned_data["username"])

    def clean(self):
        cleaned = super().clean()
        self.check_passwords(get_user_model()(username=cleaned.get("username") or ""))
        return cleaned


class RecoveryRequestForm(forms.Form):
    """Recovery, step 1: the member's mobile number or login name."""

    login = forms.CharField(
        label=_("Mobile number or login name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )


class RecoveryCodeForm(NewPasswordMixin, forms.Form):
    """Recovery, step 2: the code and the new password."""

    code = CodeField()
    password1, password2 = _password_fields()

    def clean(self):
        cleaned = super().clean()
        # The account is known only from the code: reset_password checks the password
        # against it again.
        self.check_passwords(get_user_model()())
        return cleaned


class AttendanceForm(ReadVersionForm):
    """How many came to an event without sign-up; carries the event's version (`record`)."""

    attendance_count = forms.IntegerField(label=_("People who came"), min_value=0)


class EventStatusForm(ReadVersionForm):
    """Publishing or cancelling one event: only the version its page was read at."""
