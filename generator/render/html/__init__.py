"""The patient web page and its site index: HTML from Jinja2 templates, self-contained folders."""
