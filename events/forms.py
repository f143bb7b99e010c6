import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from members.models import Township

from .models import EventCategory


class MonthInput(forms.DateInput):
    input_type = "month"


class EventFilterForm(forms.Form):
    """Filters of the public event list. Every one of them rides on an index."""

    q = forms.CharField(
        label=_("Search titles"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Beginning of a title")}),
        help_text=_("Finds events whose title starts with these words."),
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


class ActivationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(
        label=_("ID number"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "maxlength": 18}),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=13,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("The number your union has on file."),
    )
    username = forms.CharField(
        label=_("Login name"),
        max_length=30,
        help_text=_("Letters, digits and @/./+/-/_ only; you log in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        User = get_user_model()
        user = User(username=username)
        try:
            user.clean_fields(exclude=["password"])
        except ValidationError as error:
            raise ValidationError(error.message_dict.get("username", [])) from None
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This login name is taken: choose another."), code="taken")
        return username

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = get_user_model()(
                username=cleaned.get("username", ""), first_name=cleaned.get("name", "")
            )
            try:
                validate_password(first, user=user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AttendanceForm(forms.Form):
    attendance_count = forms.IntegerField(label=_("People who came"), min_value=0)
