"""The portal's two database roles (least privilege).

- the owner (`DATABASE_OWNER_URL`, the "owner" alias) owns the tables: migrations, and the
  retention purges of the logs, run as it;
- the site (`DATABASE_URL`) reads and writes rows and owns nothing, so it can neither change
  the schema nor drop, disable or bypass a trigger, nor empty a table.

`privileges` grants the site role its rows after each `migrate` (the project's own migrate
command), `append_only` names the logs it may add to but never change, `triggers` keeps the
triggers' "ignore" switch for the owner, and `checks` warns under `check --deploy` when the
site connects as a superuser or as an owner.
"""
