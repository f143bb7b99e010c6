"""What a reader sees of a page or a file, and the English words or internal codes in it.

The portal shows Chinese only. Latin letters a reader may meet are data staff typed (a union's
code, a credit code, a login name) and a few names of programs; everything else in Latin
letters (an English label, a choice's stored code, `None`) is a missed translation.
"""

import re
from html.parser import HTMLParser

# Names a Chinese office uses as they are.
ACCEPTED_WORDS = {"Excel", "Word", "WPS", "PDF", "MB", "KB", "IP", "Ctrl"}
# The picture formats a phone's photos come in, named as the upload fields name them.
ACCEPTED_WORDS |= {"JPEG", "PNG"}
# The language menu offers English by its own name.
ACCEPTED_WORDS.add("English")
# A run of Latin letters standing as a word: not inside an identifier, an address or a
# file name (`a.xlsx`), not glued to digits (a credit code such as 91500242MA5U7XXX), and
# not the shown start of a masked value (`jd****`).
WORD = re.compile(r"(?<![\w@./:#&=?%-])[A-Za-z]{2,}(?![\w@./:#&=?%*-])")
# An attribute's or a choice's stored name: id_number, union_funds.
CODE = re.compile(r"(?<![\w@./:#&=?%-])[a-z]+(?:_[a-z0-9]+)+(?![\w@./:#&=?%-])")
# The attributes a reader sees or hears (a screen reader reads aria-label).
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
HIDDEN_ELEMENTS = {"script", "style", "template", "textarea"}
# What a reader types exactly as shown (an authenticator key, a code): data, not words.
EXACT_ELEMENTS = {"code", "kbd"}


class _TextOfPage(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_ELEMENTS or tag in EXACT_ELEMENTS:
            self._hidden += 1
        values = dict(attrs)
        self.parts += [value for name, value in attrs if name in SHOWN_ATTRIBUTES and value]
        if tag == "input" and values.get("type") in {"submit", "button", "reset"}:
            self.parts.append(values.get("value") or "")

    def handle_endtag(self, tag):
        if (tag in HIDDEN_ELEMENTS or tag in EXACT_ELEMENTS) and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _TextOfPage()
    parser.feed(html)
    return "\n".join(part.strip() for part in parser.parts if part.strip())


def english_words(text: str, *, data: set[str] = frozenset()) -> list[str]:
    """The Latin words in `text` that are neither accepted names nor data (`data`: the
    words staff typed that the page may show, such as login names)."""
    return [
        word
        for word in [*WORD.findall(text), *CODE.findall(text)]
        if word not in ACCEPTED_WORDS and word not in data
    ]
