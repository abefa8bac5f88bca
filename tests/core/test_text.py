import pytest

from core.text import sanitise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert(1)</script>Halo", "Halo"),
        ('<a href="javascript:alert(1)" onclick="x()">klik</a>', "klik"),
        ("<img src=x onerror=alert(1)>", ""),
        ("&lt;script&gt;alert(1)&lt;/script&gt;ok", "ok"),
        ("Kain & benang < 5 meter", "Kain & benang < 5 meter"),
        ("baris 1\r\nbaris 2", "baris 1\nbaris 2"),
    ],
)
def test_sanitise_text_strips_markup_but_keeps_plain_text(raw, expected):
    assert sanitise_text(raw) == expected


def test_sanitise_text_never_leaves_a_tag_even_when_nested_encoded():
    cleaned = sanitise_text("&amp;amp;lt;script&amp;amp;gt;alert(1)")
    assert "<script" not in cleaned.lower()
