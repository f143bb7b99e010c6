"""Events members look up and sign up for, and member accounts (issue 7).

Design notes:
- Sign-up, cancellation and check-in are in `services`; each sign-up and cancellation first
  locks the event row (SELECT ... FOR UPDATE), so two members racing for the last place are
  served one after the other, and a cancelled place goes to the first on the waiting list in
  the same transaction.
- Search on the public list finds any part of the title, on the GIN index of its
  characters and character pairs (`yuyang_union.search`; trigram indexes do nothing for one-
  or two-character Chinese words); month, category and township filters each ride on a
  (column, starts_at) index.
- Event text is Markdown with raw HTML handling removed (typed HTML shows as text), then
  cleaned by nh3 (`events.text`).
- Pictures are checked by content with Pillow and size-limited (`events.images`), and
  thumbnails are made when they are uploaded; all files go through Django's storage API.
- Account activation matches name, ID number and mobile phone against one active member
  through the keyed digests; failed attempts are rows in the database (per address and per ID
  digest), so every gunicorn worker counts the same attempts.
"""
