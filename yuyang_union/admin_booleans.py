"""The admin's yes/no icons with Chinese alternative text.

Django's admin draws a boolean as an icon whose `alt` is the Python value ("True", "False",
"None"): what a screen reader reads aloud and what an old browser with images off shows.
Django looks the drawing function up in `admin_list` each time it draws one, so replacing it
there (at start-up, `PortalConfig.ready`) reaches the lists, the read-only fields and the
change forms alike.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

ICONS = {True: "yes", False: "no", None: "unknown"}


def boolean_icon(field_val: bool | None) -> SafeString:
    words = {True: gettext("Yes"), False: gettext("No"), None: gettext("Unknown")}
    icon_url = static(f"admin/img/icon-{ICONS[field_val]}.svg")
    return format_html('<img src="{}" alt="{}">', icon_url, words[field_val])


def install() -> None:
    from django.contrib.admin.templatetags import admin_list

    admin_list._boolean_icon = boolean_icon  # type: ignore[attr-defined]
