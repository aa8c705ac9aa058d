"""Images staff drop into images/: each is a clear error or a correct, documented conversion."""

from __future__ import annotations

import io
import zipfile

from PIL import Image

from support.pictures import build_with_pictures, photo, use_picture
from support.tools import pdfimages

OUT = "output/default/tiny/nb"


def test_jpeg_renamed_as_png_cmyk_and_huge_pictures_are_converted(project, run):
    photo(5200, 3400, "CMYK").save(project / "images/photo.png", format="JPEG")  # wrong extension, CMYK
    use_picture(project, "photo.png")
    result = build_with_pictures(project, run)
    assert result.code == 0, result.err
    listed = pdfimages(project / OUT / "tiny_nb_leaflet.pdf")
    assert listed and all(row[5] == "rgb" for row in listed)
    assert all(int(row[3]) < 1200 for row in listed)  # resampled to its placed size, not 5200 px


def test_exif_rotation_is_applied_and_metadata_stripped(project, run):
    image = photo(300, 150)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees when shown
    exif[0x010F] = "SecretCam"  # camera make: must not leak
    exif[0x8825] = {1: "N", 2: (59.0, 55.0, 0.0)}  # GPS position: must not leak
    image.save(project / "images/phone.jpg", exif=exif.tobytes())
    use_picture(project, "phone.jpg")
    assert build_with_pictures(project, run).code == 0
    pdf = project / OUT / "tiny_nb_leaflet.pdf"
    width, height = (int(v) for v in pdfimages(pdf)[0][3:5])
    assert height > width  # shown upright: portrait
    assert b"SecretCam" not in pdf.read_bytes() and b"Exif" not in pdf.read_bytes()
    with zipfile.ZipFile(project / OUT / "tiny_nb_deck.pptx") as deck:
        media = [deck.read(n) for n in deck.namelist() if n.startswith("ppt/media/")]
    assert media and not any(b"SecretCam" in m or b"Exif" in m for m in media)
    picture = Image.open(io.BytesIO(media[0]))
    assert picture.height > picture.width
