"""What staff actually type in a choice or yes/no cell, read as what they mean.

One mapping for every import: a cell is compared after `normalise` (spaces dropped, full-width
letters and digits made ordinary, case ignored), a choice also by the Chinese words staff use
for it (`CHOICE_SYNONYMS`, keyed by the choice's Chinese label), a yes/no by `YES_WORDS` and
`NO_WORDS`.
"""

import unicodedata
from typing import Any

# Ticks and crosses as Excel users type them (√ is also what Chinese input methods offer).
# A Latin x is neither: some mean a tick by it, others a cross.
YES_WORDS = frozenset({"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对"})
NO_WORDS = frozenset({"否", "无", "n", "no", "false", "0", "×", "✗", "✘", "不是"})

# A choice's Chinese label -> other words staff write for it.
CHOICE_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Member status (members.models.MemberStatus).
    "在册": ("在会", "正常", "在职"),
    "已转出": ("转出",),
    "已退休": ("退休",),
    "已退会": ("退会",),
    "已故": ("去世", "死亡"),
}


def normalise(value: Any) -> str:
    """The cell as text to compare: NFKC (ＡＢＣ１２３ → ABC123, full-width spaces), every
    space dropped, lower case. A number Excel stored as 1.0 reads as 1."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(text.split()).lower()


def full_width_as_ascii(value: Any) -> Any:
    """Full-width digits and letters (５００２４２…, typed with a Chinese input method) as
    ordinary ones; other values unchanged."""
    return unicodedata.normalize("NFKC", value) if isinstance(value, str) else value


def yes_no(value: Any) -> bool | None:
    """True, False, or None when the cell is neither a yes nor a no word."""
    if isinstance(value, bool):
        return value
    text = normalise(value)
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    return None


def synonyms_of(label: str) -> tuple[str, ...]:
    return CHOICE_SYNONYMS.get(normalise(label), ())
