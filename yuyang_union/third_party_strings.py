"""Words of Django and of the packages we use that their own zh-hans catalogues lack or get
wrong.

The project's catalogue (`locale/`, first in LOCALE_PATHS) wins over every app's, so listing
a package's message here (with `gettext_noop`, which only marks it for `makemessages`) lets
our catalogue give its Chinese. `tests/test_chinese_everywhere.py` finds the ones missing.
Each group names where its messages come from; keep them to the package's exact wording.
"""

from django.utils.translation import gettext_noop

# Django's admin (5.2): the navigation's headers for screen readers, the user forms.
DJANGO = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("If disabled, the current password for this user will be lost."),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    # A model's automatic primary key, shown in the history of a record.
    gettext_noop("ID"),
]

# django-axes (sign-in lockouts): its models and admin.
AXES = [
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Username"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("Cleaned up {count} expired access attempts."),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Logout Time"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]

# django-auditlog (field history): its model and admin. Its column "Created" and its table of
# changes ("Field", "From", "To") are drawn by our admin instead (yuyang_union/history/admin.py):
# those words mean other things elsewhere in the portal.
AUDITLOG = [
    gettext_noop("Changes"),
    gettext_noop("Audit log"),
    gettext_noop("Resource Type"),
    gettext_noop("Correlation ID"),
    gettext_noop("Click to filter by records with this correlation id"),
    gettext_noop("Resource"),
    gettext_noop("content type"),
    gettext_noop("object pk"),
    gettext_noop("object id"),
    gettext_noop("object representation"),
    gettext_noop("change message"),
    gettext_noop("actor"),
    gettext_noop("remote address"),
    gettext_noop("remote port"),
    gettext_noop("timestamp"),
    gettext_noop("additional data"),
    gettext_noop("actor email"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("Created {repr:s}"),
    gettext_noop("Updated {repr:s}"),
    gettext_noop("Deleted {repr:s}"),
    gettext_noop("Logged {repr:s}"),
]
# auditlog's actions share their words with other packages: kept apart by context in ours,
# auditlog asks for them without one, so these are the plain messages.
AUDITLOG_ACTIONS = [
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
]

# django-treebeard: the position fields of a union's form (where in the tree it goes).
TREEBEARD = [
    gettext_noop("Child of"),
    gettext_noop("Sibling of"),
    gettext_noop("First child of"),
    gettext_noop("Before"),
    gettext_noop("After"),
    gettext_noop("Position"),
    gettext_noop("Relative to"),
    gettext_noop("-- root --"),
]

# django-import-export: the export form, and the result page's words whose zh-hans translation
# there is wrong (it reads 某些行验数据证失败 for the first).
IMPORT_EXPORT = [
    gettext_noop("Select all"),
    gettext_noop("Resource"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop("Non field specific"),
]
