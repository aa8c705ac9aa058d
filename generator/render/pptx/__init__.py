"""The clinician deck (python-pptx): the deck itself, its template handling, shape helpers and the
text measuring model that sizes slide text."""
