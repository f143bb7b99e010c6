import pgtrigger
from django.db import models
from django.utils.translation import gettext_lazy as _

from yuyang_union.database.triggers import OwnerOnlyIgnoreTrigger


class PageArea(models.TextChoices):
    """The groups of records public pages show; each has its own version."""

    EVENTS = "events", _("events")
    COMPETITIONS = "competitions", _("competitions")
    HONOURS = "honours", _("honours")
    NOTICES = "notices", _("public notices")
    SERVICE_SITES = "service_sites", _("service sites")


class PageVersion(models.Model):
    """How many committed writes an area's records have seen (moved by the database)."""

    area = models.CharField(_("area"), max_length=20, primary_key=True, choices=PageArea.choices)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("public page version")
        verbose_name_plural = _("public page versions")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.get_area_display()} {self.version}"


# The area is one of PageArea's fixed values, put in place of AREA.
BUMP = (
    "INSERT INTO page_cache_pageversion (area, version) VALUES ('AREA', 1) "
    "ON CONFLICT (area) DO UPDATE SET version = page_cache_pageversion.version + 1; "
    "RETURN NULL;"
)


def bumps_page_version(area: PageArea) -> OwnerOnlyIgnoreTrigger:
    """For the `Meta.triggers` of a model whose rows `area`'s public pages show.

    Once per statement (an import of 10,000 rows moves the version once), after it: the row
    lock it takes is held to the end of the writing transaction, so writers of one area
    commit one after another (their transactions are short; reads never wait). The site role
    cannot switch it off (`OwnerOnlyIgnoreTrigger`): a page kept past its records' change
    would be a page that lies.
    """
    return OwnerOnlyIgnoreTrigger(
        name=f"bumps_{area.value}_pages",
        level=pgtrigger.Statement,
        when=pgtrigger.After,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func=BUMP.replace("AREA", area.value),
    )
