"""Preflight checks over the model and documents: problems found before anything is drawn."""
