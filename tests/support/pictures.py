"""Pictures staff drop into images/, made for the tests: a photo with a pattern, and the small
content pointed at one of them."""

from __future__ import annotations

from PIL import Image

from support.content import edit

CONDITION = "content/tiny/condition.yaml"


def build_with_pictures(project, run):
    """The leaflet and deck of the small content, in nb: what a picture shows up in."""
    return run(project, "--lang", "nb", "--product", "leaflet,deck", "--jobs", "1")


def use_picture(project, name: str) -> None:
    """The small content's picture is now ``name`` (a file in images/)."""
    edit(project / CONDITION, "file: circle.png", f"file: {name}")


def photo(width=300, height=200, mode="RGB") -> Image.Image:
    """A photo with a stripe pattern, so resampling and rotation show."""
    image = Image.new("RGB", (width, height), (200, 60, 40))
    for x in range(0, width, 10):
        for y in range(height // 2):
            image.putpixel((x, y), (20, 40, 200))
    return image.convert(mode)
