"""Edits carry the version they were read at; a save on a stale version is refused.

One mechanism for every edited record (people, money, households, cases, contracts, honours,
events), on the admin's forms, the staff pages' forms and the services alike:
`models` (the field, the trigger, the model's save), `conflicts` (what the other person
changed, from the history), `forms`, `admin` and `middleware`.
"""
