"""iCalendar (RFC 5545) written by hand: CRLF line ends, TEXT escaping, 75-octet folding."""

import datetime

from django.utils import timezone

from .models import EventStatus

CRLF = "\r\n"


def escape_text(value):
    """TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line):
    """Split a content line into pieces of at most 75 octets, never inside a UTF-8 character;
    each continuation starts with a space (RFC 5545 §3.1)."""
    pieces = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode()) > limit:
            pieces.append(current)
            current = char
            limit = 74  # the leading space counts
        else:
            current += char
    pieces.append(current)
    return (CRLF + " ").join(pieces)


def utc_stamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event, *, url, domain):
    description = event.summary
    if url:
        description = f"{description}\n{url}"
    location = event.place
    if event.township_id and event.township.name not in location:
        location = f"{event.township.name} {location}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{domain}",
        f"DTSTAMP:{utc_stamp(event.updated_at or timezone.now())}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"LOCATION:{escape_text(location)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"STATUS:{'CANCELLED' if event.status == EventStatus.CANCELLED else 'CONFIRMED'}",
    ]
    if url:
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def calendar(events, *, name, url_for, domain):
    """A VCALENDAR holding the events; `url_for(event)` gives each event's absolute URL."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Youyang County Federation of Trade Unions//Events//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Asia/Shanghai",
    ]
    for event in events:
        lines.extend(event_lines(event, url=url_for(event), domain=domain))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
