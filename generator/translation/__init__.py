"""Translators in the loop: a language file's texts as gettext PO units for a translator's CAT tool.

``units`` lists the texts a reader sees, each under a context built from ids (never a list position that
shifts when a section or treatment is moved); ``po`` writes them as a PO file, with the source language's
text as ``msgid`` and the target language's, where it exists, as ``msgstr``.
"""
