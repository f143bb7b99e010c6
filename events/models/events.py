"""Events members look up and sign up for, with their photos."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import Township, UnionOrganisation
from yuyang_union.bounds import at_most, at_most_five_years_ahead
from yuyang_union.page_cache.models import PageArea, bumps_page_version
from yuyang_union.search_columns import grams_field, grams_index
from yuyang_union.versions.models import VersionedModel, version_trigger

from ..images import make_thumbnail, validate_image_upload


class EventCategory(models.TextChoices):
    LEGAL = "legal", _("Legal service")
    RELIEF = "relief", _("Relief and visits")
    HEALTH = "health", _("Health")
    TRAINING = "training", _("Training")
    SOCIAL = "social", _("Matchmaking and social")
    COMPETITION = "competition", _("Competition")
    CULTURE = "culture", _("Culture and sports")
    OTHER = "other", pgettext_lazy("event category", "Other")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class Audience(models.TextChoices):
    ALL = "all", _("All members")
    WOMEN = "women", _("Women members")
    UNION = "union", _("Members of one union (and the unions under it)")


class EventQuerySet(models.QuerySet):
    def public(self):
        """What the public pages show: published events, and cancelled ones with a notice."""
        return self.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def starting_between(self, start, end):
        """Events starting on the dates start..end (both included, local time)."""
        return self.filter(starts_at__gte=local_midnight(start), starts_at__lt=day_after(end))

    def held_between(self, start, end):
        return self.filter(status=EventStatus.PUBLISHED).starting_between(start, end)

    def for_list(self):
        return self.select_related("organiser", "township").only(
            "id",
            "title",
            "category",
            "starts_at",
            "ends_at",
            "place",
            "status",
            "summary",
            "signup_enabled",
            "cover_thumbnail",
            "organiser__name",
            "township__name",
        )


def local_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def day_after(day):
    return local_midnight(day + datetime.timedelta(days=1))


class Event(VersionedModel):
    title = models.CharField(
        pgettext_lazy("event", "title"),
        max_length=120,
        # Searches use title_grams; this index serves exact and prefix matches.
        db_index=True,
    )
    # Any part of the title (yuyang_union.search_columns).
    title_grams = grams_field("title")
    category = models.CharField(
        _("category"), max_length=20, choices=EventCategory.choices, db_index=True
    )
    organiser = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("The union that holds the event; it decides who may edit it."),
    )
    co_organisers = models.CharField(
        pgettext_lazy("event", "co-organisers"),
        max_length=200,
        blank=True,
        help_text=_("Other bodies holding the event with the union, e.g. 县人社局、县工商联."),
    )
    starts_at = models.DateTimeField(_("starts at"), validators=[at_most_five_years_ahead])
    ends_at = models.DateTimeField(_("ends at"), validators=[at_most_five_years_ahead])
    place = models.CharField(_("place"), max_length=200)
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown in lists."),
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: blank lines between paragraphs, **bold**, lists with '-'. HTML is shown "
            "as text. After the event, add the write-up here."
        ),
    )
    cover = models.ImageField(
        _("cover image"),
        upload_to="events/covers/%Y/",
        blank=True,
        validators=[validate_image_upload],
    )
    cover_thumbnail = models.ImageField(
        _("cover thumbnail"), upload_to="events/thumbnails/%Y/", blank=True, editable=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )
    audience_union = models.ForeignKey(
        UnionOrganisation,
        verbose_name=_("audience union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For an event open to one union's members: that union."),
    )
    signup_enabled = models.BooleanField(_("sign-up"), default=False)
    signup_opens_at = models.DateTimeField(_("sign-up opens"), null=True, blank=True)
    signup_closes_at = models.DateTimeField(
        _("sign-up closes"),
        null=True,
        blank=True,
        help_text=_("Empty: sign-up closes when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit."),
        validators=[at_most(100_000)],
    )
    waiting_list_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the places are taken, further sign-ups join a waiting list."),
    )
    attendance_count = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("For events without sign-up: how many people came, recorded afterwards."),
        validators=[at_most(1_000_000)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        triggers = [bumps_page_version(PageArea.EVENTS), version_trigger()]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["status", "starts_at"], name="event_status_starts"),
            models.Index(fields=["status", "ends_at"], name="event_status_ends"),
            models.Index(fields=["category", "starts_at"], name="event_category_starts"),
            models.Index(fields=["township", "starts_at"], name="event_township_starts"),
            models.Index(fields=["organiser", "starts_at"], name="event_organiser_starts"),
            grams_index("title", name="event_title_grams"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_code="event_ends_after_start",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(audience=Audience.UNION, audience_union__isnull=False)
                    | (~Q(audience=Audience.UNION) & Q(audience_union__isnull=True))
                ),
                name="event_audience_union_iff_union_audience",
                violation_error_code="event_audience_union_iff_union_audience",
                violation_error_message=_(
                    "Choose the union exactly when the event is for one union's members."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(signup_opens_at__isnull=True)
                    | Q(signup_closes_at__isnull=True)
                    | Q(signup_closes_at__gt=models.F("signup_opens_at"))
                ),
                name="event_signup_closes_after_opening",
                violation_error_code="event_signup_closes_after_opening",
                violation_error_message=_("Sign-up must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="event_capacity_positive",
                violation_error_code="event_capacity_positive",
                violation_error_message=_(
                    "The number of places must be more than zero (leave it empty for no limit)."
                ),
            ),
            # Attendance is counted from check-ins when there is a sign-up, by hand otherwise.
            models.CheckConstraint(
                condition=Q(signup_enabled=False) | Q(attendance_count__isnull=True),
                name="event_attendance_count_only_without_signup",
                violation_error_code="event_attendance_count_only_without_signup",
                violation_error_message=_(
                    "An attendance count is recorded only for an event without sign-up "
                    "(sign-ups are counted)."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.cover and not self.cover._committed:
            # A new upload: make the small picture list pages show on a phone.
            self.cover_thumbnail.save(
                thumbnail_name(self.cover.name), make_thumbnail(self.cover), save=False
            )
        elif not self.cover:
            self.cover_thumbnail = ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.pk])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        if self.audience == Audience.UNION and not self.audience_union_id:
            errors["audience_union"] = _("Choose the union whose members may come.")
        if self.audience != Audience.UNION and self.audience_union_id:
            errors["audience_union"] = _("A union is chosen only for a one-union audience.")
        if (
            self.signup_opens_at
            and self.signup_closes_at
            and self.signup_closes_at <= self.signup_opens_at
        ):
            errors["signup_closes_at"] = _("Sign-up must close after it opens.")
        if self.signup_enabled and self.attendance_count is not None:
            errors["attendance_count"] = _(
                "With sign-up on, attendance is counted from check-ins: leave this empty."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def signup_closes(self):
        return self.signup_closes_at or self.starts_at

    def signup_is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.status == EventStatus.PUBLISHED
            and self.signup_enabled
            and (self.signup_opens_at is None or self.signup_opens_at <= now)
            and now < self.signup_closes
        )

    def is_past(self, now=None):
        return self.ends_at < (now or timezone.now())


def thumbnail_name(name):
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return f"{stem}.jpg"


class EventPhoto(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("photo"), upload_to="events/photos/%Y/", validators=[validate_image_upload]
    )
    thumbnail = models.ImageField(
        _("thumbnail"), upload_to="events/thumbnails/%Y/", blank=True, editable=False
    )
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    credit = models.CharField(
        _("photo credit"),
        max_length=60,
        blank=True,
        help_text=_("Who provided the photo; shown as 图片由…提供."),
    )
    ordering = models.PositiveSmallIntegerField(pgettext_lazy("photo", "order"), default=0)

    class Meta:
        triggers = [bumps_page_version(PageArea.EVENTS)]
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")
        ordering = ["ordering", "id"]

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        if self.image and not self.image._committed:
            self.thumbnail.save(
                thumbnail_name(self.image.name), make_thumbnail(self.image), save=False
            )
        super().save(*args, **kwargs)
