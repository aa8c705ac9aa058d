"""Leaf helpers every stage may import: images, the font family, colour maths, hyphenation.

Nothing here imports another part of leafdeck, so loading, documents, renderers and checks can
share them without an import pointing up."""
