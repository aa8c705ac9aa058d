"""What the tests share: the shipped content and its helpers (content), the real tools that read
the outputs (tools: poppler, qpdf, zbarimg, LibreOffice, html5lib), headless Chromium (browser), the
live preview as staff start it (live) and readers of the finished decks and pages (read)."""
