"""A job: one piece of long work a user started, its progress and its outcome."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Running")
    # An import's check found no error: it waits for its owner to confirm it.
    AWAITING_CONFIRMATION = "awaiting", _("Checked, awaiting confirmation")
    SUCCEEDED = "succeeded", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


FINISHED_STATES = (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)
ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class JobQuerySet(models.QuerySet["Job"]):
    def owned_by(self, user: object) -> "JobQuerySet":
        return self.filter(owner=user)

    def results_expired(self, now: object = None) -> "JobQuerySet":
        return self.exclude(result_file="").filter(expires_at__lte=now or timezone.now())


class Job(models.Model):
    """One run of a registered job kind (`yuyang_union.jobs.registry`) for its owner.

    The id is a UUID: it appears in the job's URLs and says nothing of how many jobs exist.
    `params` hold what the handler needs (never an identifier: a file that holds them is kept
    encrypted on disk and only named here). `errors` hold at most
    `running.MAX_STORED_ERRORS` entries of {"row", "column", "message"}; `error_count` counts
    them all.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    kind = models.CharField(_("kind"), max_length=60)
    label = models.CharField(_("job"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    # The result: a file in JOB_RESULT_DIR (a random name), offered as `result_name`.
    result_file = models.CharField(_("result file"), max_length=64, blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_content_type = models.CharField(_("file type"), max_length=100, blank=True)
    result_size = models.PositiveBigIntegerField(_("file size"), default=0)
    # The file holds ID numbers or phones: encrypted at rest, each download logged.
    result_personal = models.BooleanField(_("holds personal data"), default=False)
    # A link to follow when done (the list the import added to), when there is one.
    result_url = models.CharField(_("result page"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written with each progress report: a running job whose worker died stops beating.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    expires_at = models.DateTimeField(_("result kept until"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="jobs_job_owner_recent"),
            models.Index(
                fields=["expires_at"],
                name="jobs_job_result_expiry",
                condition=~models.Q(result_file=""),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__isnull=True) | models.Q(done__lte=models.F("total")),
                name="jobs_job_done_within_total",
                violation_error_message=_("A job cannot have done more than its total."),
                violation_error_code="jobs_job_done_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def active(self) -> bool:
        """Waiting or running: its page follows it (`static/js/jobs.js`)."""
        return self.state in ACTIVE_STATES

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.state == JobState.SUCCEEDED else None
        return min(100, self.done * 100 // self.total)

    @property
    def has_result(self) -> bool:
        return bool(self.result_file) and (
            self.expires_at is None or self.expires_at > timezone.now()
        )
