"""Public pages kept in the cache until their records change.

A public page's content (what every visitor sees alike: no form token, no name of the
signed-in member) is rendered once and kept in the cache (`CACHE_URL`) under a key that holds
the *version* of each area of records it shows ("events", "honours", ...). A version is a row
of `PageVersion` that the database advances itself, by a statement-level trigger on every table
the area reads (`bumps_page_version`), inside the writing transaction: a form, an import, a
bulk update or SQL typed by hand all change the key, for every web node, at the moment they
commit. A reader whose snapshot predates the commit reads the old version with the old records,
so old content is never stored under a new version. Reading the versions is one small query,
the page's only one when its content is cached.

What a page shows of other areas (a member's name on the honour roll, an employer's name) or
of the clock (an event passing from upcoming to past) is fresh within `PUBLIC_PAGE_CACHE_SECONDS`.
"""
