from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "yuyang_union.page_cache"
    label = "page_cache"
    verbose_name = _("Public page cache")
    default_auto_field = "django.db.models.BigAutoField"
