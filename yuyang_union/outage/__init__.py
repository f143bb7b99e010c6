"""While the database cannot be reached, every page answers 503 with a maintenance page.

Without this a database outage gives Django's generic 500 page and a traceback in the log
for every request (tens of thousands of lines a minute). Here:

- `middleware.DatabaseOutageMiddleware`, early in MIDDLEWARE, connects before anything else
  needs the database and answers the maintenance page (`templates/outage.html`, static:
  no session, no user, no query) with `Retry-After` when it cannot; it does the same for a
  view whose connection breaks while it runs (process_exception);
- `page.server_error`, the project's handler500, does it for the rest (a connection that
  breaks inside another middleware, e.g. while saving the session);
- `report.OUTAGE_LOG` writes one warning per interval and process, and one line when the
  database answers again, instead of a traceback per request.

Static files are served by WhiteNoise before any of this, and /healthz answers 503 too.
"""
