"""Reads that feed pages, with their loading options stated."""
