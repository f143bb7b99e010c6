"""Who did what, and what changed.

- `actions`: `log_action(actor=..., verb=..., obj=...)`, one entry per act, written by the
  services in the transaction of the change (`models.ActionEntry`);
- `verbs`: the acts each app declares in its `verbs.py`, with their Chinese labels;
- `actors`: the system actor, for work no person does (jobs, the demo, migrations);
- `auditlog`: field-by-field history with django-auditlog (`register_history`);
- `bulk`: that history for rows written in bulk;
- `display` and `admin`: the history page, where both read together.
"""
