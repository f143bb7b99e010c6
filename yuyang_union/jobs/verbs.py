from django.utils.translation import gettext_lazy as _

from yuyang_union.history.verbs import Detail, Verb

RESULT_DOWNLOADED = Verb(
    "jobs.result.downloaded",
    _("Downloaded a job's file with personal data"),
    details={"file": Detail(_("file")), "rows": Detail(_("rows"), kind="count")},
)
