"""Untrusted text helpers: control characters, caps, escaping, field filling, file names."""

from __future__ import annotations

from contractdesk.output.text import (
    TRUNCATION_MARK,
    clean_text,
    escape_markup,
    field_names,
    fill_fields,
    para_text,
    safe_filename_part,
)


def test_control_characters_and_bidi_overrides_are_removed() -> None:
    assert clean_text("a\x00b\x07c\x1b[0m\x7fd\x9be\u202ef\u2066g\ufeffh") == "abc[0mdefgh"
    assert clean_text("tab\there") == "tab here"
    assert clean_text("one\r\ntwo\rthree\u2028four") == "one two three four"
    assert clean_text("one\r\ntwo", multiline=True) == "one\ntwo"


def test_lone_surrogates_become_replacement_characters_and_text_is_nfc() -> None:
    assert clean_text("x\ud800y") == "x\ufffdy"
    assert clean_text("a\u030a") == "å"  # decomposed å composed


def test_long_values_are_cut_with_a_visible_mark() -> None:
    cut = clean_text("A" * 10_000, 100)
    assert len(cut) == 100
    assert cut.endswith(TRUNCATION_MARK)
    assert clean_text("short", 100) == "short"
    assert clean_text(None) == ""


def test_markup_is_escaped_so_it_shows_literally() -> None:
    assert (
        escape_markup('<a href="x">&amp;</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;"
    )
    assert para_text("a\nb<", multiline=True) == "a<br/>b&lt;"
    assert para_text("a\nb") == "a b"


def test_fields_are_plain_lookups_never_attribute_access() -> None:
    values = {"customer.name": "Kunde AS", "supplier.name": "{customer.name}"}
    assert (
        fill_fields("{customer.name} og {supplier.name}", values) == "Kunde AS og {customer.name}"
    )
    assert (
        fill_fields("{customer.__class__} {ukjent.felt}", values)
        == "{customer.__class__} {ukjent.felt}"
    )
    assert field_names("{a.b} {C.d} {e} {f.g_h}") == ["a.b", "f.g_h"]


def test_file_name_parts_cannot_escape_the_folder() -> None:
    assert "/" not in safe_filename_part("../../etc/passwd")
    assert safe_filename_part("../../etc/passwd") == "etc_passwd"
    assert safe_filename_part("17.04.2021") == "17.04.2021"
    assert safe_filename_part("") == "_"
    assert safe_filename_part("Sámi ÆØÅ") == "Sámi_ÆØÅ"
