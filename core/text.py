"""Sanitising vendor-written text (shop story, product descriptions), in core because
both the vendors and the marketplace services store such text.

Vendor text is stored and shown as plain text: nh3 drops every tag (and the content of
script/style), so no markup, event handler or ``javascript:`` link is ever stored;
templates then print it autoescaped. Entities are decoded back to characters so "Kain &
benang" reads right, and the clean runs until stable so encoded markup
(``&lt;script&gt;``) cannot reappear as markup after decoding.
"""

import html

import nh3

_MAX_PASSES = 5


def sanitise_text(value: str | None) -> str:
    text = (value or "").replace("\r\n", "\n")
    for _pass in range(_MAX_PASSES):
        cleaned = html.unescape(nh3.clean(text, tags=set(), attributes={}))
        if cleaned == text:
            return cleaned.strip()
        text = cleaned
    # Still changing after several passes: deliberately nested encodings. Keep the
    # escaped form.
    return nh3.clean(text, tags=set(), attributes={}).strip()
