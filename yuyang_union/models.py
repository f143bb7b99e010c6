from django.db import models
from django.utils.translation import gettext_lazy as _


class Portal(models.Model):
    """No table: carries the site-wide permissions that belong to no app's model."""

    class Meta:
        managed = False
        verbose_name = _("portal")
        verbose_name_plural = _("portal")
        default_permissions = ()
        permissions = [
            ("access_staff_pages", _("Can use the staff pages")),
            ("view_summary", _("Can read the work summary")),
        ]

    def __str__(self):
        return "portal"
