"""The tables the site may add rows to and read, but never change or delete.

After each `migrate`, the site role keeps SELECT and INSERT on these and loses UPDATE and
DELETE (`yuyang_union.database.privileges`); a table may keep UPDATE of a few columns that
Django itself must write. A purge of old entries (retention) runs as the owner.

A table belongs here only when no code path of the site changes or deletes its rows: no
service, admin page, `load_demo` or management command other than `migrate`, and no
`on_delete` cascade or SET_NULL from another table (Django runs those as UPDATE and DELETE
statements, which PostgreSQL refuses by privilege even when no row matches).
tests/test_database_roles.py proves the refusals; the whole test suite and the demo loader
(run as the site role by `make run`) prove nothing needs them.

Not here, on purpose: the welfare ledger (`welfare_grant`, `welfare_educationaid`), whose
unpaid entries are approved, paid and deleted by the site; their paid entries are held by
the `paid_entry_is_final` trigger, which the site, owning no table, cannot drop or disable
and, with `yuyang_union.database.triggers`, cannot switch off with `pgtrigger.ignore`.
"""

# table -> the columns the site may still UPDATE (none: UPDATE and DELETE revoked).
APPEND_ONLY_TABLES: dict[str, tuple[str, ...]] = {
    # Who saw an ID number or a phone in full, when and where (PIPL): a record of access to
    # personal data that the people it records must not be able to erase or rewrite.
    # Rows only ever come from `personal_data.access_log` (bulk_create).
    "personal_data_identifieraccesslog": (),
    # The action log: who did what to which record (`history.actions.log_action`, written in
    # the transaction of the act, never changed afterwards). Its actor and content type are
    # PROTECTed; legal aid's status changes point at entries, never the other way round.
    "history_actionentry": (),
    # Field history (django-auditlog): entries are only ever created. Deleting a user sets
    # `actor` to NULL on its entries (auditlog's on_delete=SET_NULL), an UPDATE Django
    # issues even when no entry names the user: the site keeps UPDATE of that one column.
    # (Deleting a content type, which cascades here, is `remove_stale_contenttypes`: run it
    # as the owner, like auditlog's `auditlogflush`.)
    "auditlog_logentry": ("actor_id",),
}
