"""The PDFs' font (generator/assets/fonts.py): Fira Sans in four faces from its package, registered
with reportlab once under stable names."""

from __future__ import annotations

from reportlab.pdfbase import pdfmetrics

from generator.assets.fonts import body_family, register_reportlab


def test_the_four_faces_are_files_of_the_package():
    family = body_family()
    faces = [family.regular, family.bold, family.italic, family.bolditalic]
    assert len(set(faces)) == 4 and all(face.is_file() and face.suffix == ".ttf" for face in faces)


def test_registered_once_under_the_names_the_renderers_use():
    names = register_reportlab()
    assert register_reportlab() is names
    assert set(names) >= {"regular", "bold", "italic"}
    for name in names.values():
        assert pdfmetrics.getFont(name).face.name
