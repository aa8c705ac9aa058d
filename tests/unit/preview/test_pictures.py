"""The pictures the preview keeps (generator/preview/pictures.py): the oldest unshown ones go first,
one a tab shows never."""

from __future__ import annotations

from generator.preview.pictures import Pictures


def test_the_oldest_unshown_pictures_are_forgotten_first():
    pictures = Pictures()
    for name in "abcde":
        pictures.put(name, name.encode())
    pictures.forget_unshown(shown=["a"], kept=3)
    assert [name for name in "abcde" if pictures.get(name)] == ["a", "d", "e"]


def test_a_picture_put_again_is_young_again():
    pictures = Pictures()
    for name in "abc":
        pictures.put(name, b"x")
    pictures.put("a", b"x")
    pictures.forget_unshown(shown=[], kept=2)
    assert pictures.get("a") and pictures.get("c") and not pictures.get("b")


def test_shown_pictures_stay_even_beyond_the_limit():
    pictures = Pictures()
    for name in "abc":
        pictures.put(name, b"x")
    pictures.forget_unshown(shown="abc", kept=1)
    assert all(pictures.get(name) for name in "abc")
