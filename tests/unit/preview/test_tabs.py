"""Which selections a refresh draws (generator/preview/tabs.py): the open tabs', newest asked first;
before any tab connects, the one asked for last; a link's page once."""

from __future__ import annotations

from generator.preview.tabs import Tabs


def test_open_tabs_are_kept_current_the_latest_asked_first():
    tabs = Tabs()
    for key in ("a", "b", "c"):
        tabs.asked(key)
    tabs.viewing("a", +1)
    tabs.viewing("c", +1)
    assert tabs.kept_current() == ["c", "a"]
    tabs.viewing("c", -1)
    assert tabs.kept_current() == ["a"]


def test_before_any_tab_the_last_asked_for_is_drawn():
    tabs = Tabs()
    tabs.asked("a")
    tabs.asked("b")
    assert tabs.kept_current() == ["b"]


def test_a_page_asked_for_once_is_drawn_once():
    tabs = Tabs()
    tabs.asked("a")
    tabs.viewing("a", +1)
    tabs.once("z")
    assert tabs.kept_current() == ["a", "z"]
    assert tabs.kept_current() == ["a"]


def test_closing_more_tabs_than_were_opened_counts_none():
    tabs = Tabs()
    tabs.viewing("a", -1)
    tabs.viewing("a", +1)
    assert tabs.kept_current() == ["a"]
