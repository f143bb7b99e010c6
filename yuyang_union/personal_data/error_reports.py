"""Error reports and logs without ID numbers or mobile numbers in clear (PIPL).

A 500 mails the admins a report of the request (GET, POST, headers, cookies) and of every
frame's local variables, and writes the traceback to the log. Django hides only what a view
marks with `sensitive_post_parameters`/`sensitive_variables` (and settings named like
secrets); a number typed into any other field, a query string, a header or a local variable
would go out as typed. Three pieces close that, configured in settings:

- `PersonalDataReporterFilter` (DEFAULT_EXCEPTION_REPORTER_FILTER): on top of Django's
  cleansing, hides values whose name says identifier (`id_number`, `form-0-id_number`,
  `phone_replacement`, a local `phone`...) and masks anything that looks like an ID number or a
  mobile number in POST, headers, cookies and frame variables, nested values and objects'
  reprs included;
- `PersonalDataExceptionReporter` (DEFAULT_EXCEPTION_REPORTER): also the parts Django's report
  takes from the request without asking the filter (GET, file names, the URL, the path, the
  user's name, the exception's message), and a last pass over the finished text and HTML;
- `ScrubPersonalData`, a logging filter on the handlers in LOGGING: the log line ("Internal
  Server Error: /path"), its arguments and the formatted traceback.

Scrubbing is on whether DEBUG is or not: a debug page on a server with real data must not
show the numbers either. Django's own cleansing still follows DEBUG, as Django decides.
"""

import copy
import logging
import re
from collections.abc import ItemsView, Mapping
from typing import Any

from django.http import HttpRequest
from django.template.defaultfilters import pprint
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import SafeString, mark_safe
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

CLEANSED_SUBSTITUTE = SafeExceptionReporterFilter.cleansed_substitute

# Between two digits a person may type a space (also a no-break or an ideographic one) or a
# dash, and a URL carries a space as "+" or "%20".
_GAP = r"(?:[ \u00a0\u3000-]|%20|\+)?"
# A number starts where no digit precedes it, or right after an encoded space or plus sign
# ("q=%20500242...", "phone=%2B86...") whose last character is itself a digit.
_START = r"(?:(?<![0-9])|(?<=%2[0Bb]))"
# It ends with its 18th character: an X, or a digit that no other digit follows.
ID_NUMBER_IN_TEXT = re.compile(rf"{_START}\d(?:{_GAP}\d){{16}}{_GAP}(?:[Xx]|\d(?![0-9]))")
MOBILE_IN_TEXT = re.compile(
    rf"{_START}(?:(?:\+|%2[Bb]|00)?86{_GAP})?(?P<mobile>1(?:{_GAP}\d){{10}})(?![0-9])"
)
_NOT_DIGIT = re.compile(r"[^0-9Xx]")

# Names of values that hold an identifier, whatever they hold: form fields (also with a
# formset prefix, "form-3-id_number", or as a replacement, "phone_replacement"), headers
# ("HTTP_X_PHONE") and local variables ("head_id_number", "phones").
SENSITIVE_NAME = re.compile(r"(?:^|[_-])(?:id_numbers?|phones?|mobiles?)(?:$|[_-])", re.I)

# Containers longer than this are shown through their (scrubbed) repr, not item by item.
_MAX_ITEMS = 1000
_MAX_DEPTH = 5


def scrub_text(text: str) -> str:
    """`text` with every ID number and mobile number in it masked (500242********123X)."""
    # Imported here: LOGGING loads this module before the apps are ready, and masking needs
    # the user model.
    from .masking import mask_id_number, mask_phone

    text = ID_NUMBER_IN_TEXT.sub(
        lambda match: mask_id_number(_NOT_DIGIT.sub("", match[0]).upper()), text
    )
    return MOBILE_IN_TEXT.sub(lambda match: mask_phone(_NOT_DIGIT.sub("", match["mobile"])), text)


def is_sensitive_name(name: object) -> bool:
    return isinstance(name, str) and bool(SENSITIVE_NAME.search(name))


class Shown:
    """A value as the report shows it: its text, already scrubbed, printed without quotes.

    The report prints each value with pprint; objects (model instances, forms, requests,
    bytes) are turned into this so their repr is scrubbed before it is printed.
    """

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def scrub_value(value: Any, depth: int = 0) -> Any:
    """A copy of `value` safe to print: strings scrubbed, containers walked, objects' reprs
    scrubbed, and values under a sensitive key (`{"id_number": ...}`) hidden."""
    try:
        return _scrub_value(value, depth)
    except Exception as exc:
        # A lazy object may fail when looked at (the database is down...); the report must
        # still go out, without the value.
        return Shown(f"<{type(exc).__name__} while showing this value>")


def _scrub_value(value: Any, depth: int) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, Shown) or value is None or isinstance(value, bool):
        return value
    if depth < _MAX_DEPTH and isinstance(value, MultiValueDict):
        return _scrub_multivaluedict(value, depth)
    sized = isinstance(value, Mapping | list | tuple | set | frozenset)
    if depth < _MAX_DEPTH and sized and len(value) <= _MAX_ITEMS:
        if isinstance(value, Mapping):
            return {
                _scrub_key(key): (
                    _hidden(item) if is_sensitive_name(key) else scrub_value(item, depth + 1)
                )
                for key, item in value.items()
            }
        items = [scrub_value(item, depth + 1) for item in value]
        return tuple(items) if isinstance(value, tuple) else items
    return Shown(scrub_text(pprint(value)))


def _scrub_key(key: Any) -> Any:
    # Keys are names, mostly; a number may be one ({"500242...": member}).
    return scrub_text(key) if isinstance(key, str) else key


def _hidden(value: Any) -> Any:
    # An empty value says something (the field was left blank) and reveals nothing.
    blank = value is None or (isinstance(value, str | list | tuple) and not value)
    return value if blank else CLEANSED_SUBSTITUTE


def _scrub_multivaluedict(values: MultiValueDict[Any, Any], depth: int = 0) -> Any:
    cleansed = values.copy()  # a QueryDict's copy is mutable
    for key in list(cleansed):
        items = cleansed.getlist(key)
        if is_sensitive_name(key):
            shown = [_hidden(item) for item in items]
        else:
            shown = [scrub_value(item, depth + 1) for item in items]
        if _scrub_key(key) != key:
            del cleansed[key]
        cleansed.setlist(_scrub_key(key), shown)
    return cleansed


class PersonalDataReporterFilter(SafeExceptionReporterFilter):
    """Django's filter, then identifiers hidden by name and masked by their look."""

    def get_safe_request_meta(self, request: HttpRequest) -> dict[str, Any]:
        return self._scrub_mapping(super().get_safe_request_meta(request))

    def get_safe_cookies(self, request: HttpRequest) -> dict[str, Any]:
        return self._scrub_mapping(super().get_safe_cookies(request))

    def get_post_parameters(self, request: HttpRequest | None) -> Any:
        parameters = super().get_post_parameters(request)
        if isinstance(parameters, MultiValueDict):
            return _scrub_multivaluedict(parameters)
        return scrub_value(parameters)

    def cleanse_special_types(self, request: HttpRequest | None, value: Any) -> Any:
        return scrub_value(super().cleanse_special_types(request, value))

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> ItemsView[str, Any]:
        # Django cleanses the marked variables and the MultiValueDicts (through
        # cleanse_special_types above, which also scrubs every other value); what remains is
        # a variable whose name says identifier.
        variables = super().get_traceback_frame_variables(request, tb_frame)
        return {
            name: _hidden(value) if is_sensitive_name(name) else scrub_value(value)
            for name, value in variables
        }.items()

    def _scrub_mapping(self, values: Mapping[str, Any]) -> dict[str, Any]:
        # Item by item however many there are: the report sorts and lists them.
        return {
            _scrub_key(key): _hidden(value) if is_sensitive_name(key) else scrub_value(value)
            for key, value in values.items()
        }


class PersonalDataExceptionReporter(ExceptionReporter):
    """The report of a 500 (the mail to the admins, the debug page) without identifiers.

    Django's report reads GET, the uploaded files' names, the URL and the path straight from
    the request; they are scrubbed here, and the finished text and HTML once more, so that a
    number in a place the report may show in a later Django version is masked too.
    """

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        for key in ("request_insecure_uri", "exception_value", "exception_notes", "user_str"):
            if isinstance(data.get(key), str):
                data[key] = scrub_text(data[key])
        if self.request is not None:
            data["request_GET_items"] = _scrub_multivaluedict(self.request.GET).items()
            data["request_FILES_items"] = _scrub_multivaluedict(self.request.FILES).items()
            data["request"] = self._shown_request(self.request, data["request_meta"])
        for frame in data.get("frames", []):
            if frame.get("exc_cause") is not None:
                frame["exc_cause"] = scrub_text(str(frame["exc_cause"]))
            for key in ("context_line", "pre_context", "post_context"):
                if key in frame:
                    frame[key] = scrub_value(frame[key])
        return data

    def get_traceback_html(self) -> SafeString:
        # Masking replaces digits by digits and asterisks: nothing that needs escaping.
        return mark_safe(scrub_text(super().get_traceback_html()))  # noqa: S308

    def get_traceback_text(self) -> SafeString:
        return mark_safe(scrub_text(super().get_traceback_text()))  # noqa: S308

    @staticmethod
    def _shown_request(request: HttpRequest, safe_meta: dict[str, Any]) -> HttpRequest:
        # The templates print the request's path and method; a shallow copy carries the
        # scrubbed path and headers without touching the request being handled.
        shown = copy.copy(request)
        shown.path = scrub_text(request.path)
        shown.path_info = scrub_text(request.path_info)
        shown.META = safe_meta
        return shown


class ScrubPersonalData(logging.Filter):
    """A logging filter (on handlers) that masks identifiers in the message and traceback.

    The record is changed in place, so every handler after this one, and the admins' mail,
    sees the scrubbed text. Never refuses a record.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # A bad format string: the logging module reports it when the record is written.
            return True
        record.msg = scrub_text(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        return True
