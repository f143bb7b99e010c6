"""The WSGI application `manage.py benchmark_pages` runs under gunicorn: the portal's own,
resolving URLs through `benchmark_urls` (the site plus the baseline page)."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application

application = get_wsgi_application()
settings.ROOT_URLCONF = "yuyang_union.management.benchmark_urls"
