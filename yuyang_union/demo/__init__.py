"""The demo kit: what every app's demo module builds its records with.

- `kit`: people's names, dates, exact splits of a total, ID numbers, mobiles, credit codes;
- `loading`: PostgreSQL COPY for demo volumes (a million members at scale 100).

`manage.py load_demo` calls each app's `demo.load(scale=..., rng=...)` in turn.
"""
