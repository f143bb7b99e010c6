"""The action log: one row for each act of a person (or of the system) on a record."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActionEntry(models.Model):
    """Who did what to which record, when, with a few details (identifiers masked).

    Written only through `yuyang_union.history.actions.log_action`, in the transaction of
    the change it records; never changed afterwards.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    verb = models.CharField(pgettext_lazy("history", "action"), max_length=60)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=40)
    object_repr = models.CharField(_("record"), max_length=200)
    data = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("action log")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view",)
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "-created_at"], name="action_record_time"
            ),
            models.Index(fields=["actor", "-created_at"], name="action_actor_time"),
            models.Index(fields=["verb", "-created_at"], name="action_verb_time"),
            models.Index(fields=["-created_at", "-id"], name="action_time"),
        ]

    def __str__(self) -> str:
        from .verbs import VERBS

        verb = VERBS.get(self.verb)
        return f"{self.object_repr} · {verb.label if verb else self.verb}"
