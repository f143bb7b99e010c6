"""Password rules with messages the Chinese catalogue actually covers."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2's message for this rule ("... at least %d characters.") is missing from its
    own Chinese catalogue, so a Chinese page showed it in English; this wording is in ours."""

    def get_error_message(self):
        return ngettext(
            "This password is too short: it needs at least %(min_length)d character.",
            "This password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
