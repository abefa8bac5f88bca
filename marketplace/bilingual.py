"""Products and shops in both languages: the English text under /en/ when the vendor
or the office wrote one, else the Indonesian text, flagged so templates mark it
``lang="id"`` with a small "in Indonesian" note (screen readers then read it with
Indonesian pronunciation, and the visitor knows why it is not translated).

An English field is the Indonesian field's name with ``_en`` (``name_en``,
``description_en``, ``motif_meaning_en``, ``story_en``); a variant's English
``label_en`` replaces its motif / size / colour label.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language


@dataclass(frozen=True)
class LocalText:
    text: str
    # True when the visitor reads English but only the Indonesian text exists.
    fallback: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)

    @property
    def lang(self) -> str:
        return "id" if self.fallback else ""


def local_text(obj, field: str, *, language: str | None = None) -> LocalText:
    """``obj.<field>`` in the current language (see the module docstring)."""
    language = (language or get_language() or "id").split("-")[0]
    original = str(getattr(obj, field, "") or "")
    if language != "en":
        return LocalText(original)
    english = str(getattr(obj, f"{field}_en", "") or "")
    if english.strip():
        return LocalText(english)
    return LocalText(original, fallback=bool(original.strip()))
