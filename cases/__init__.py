"""The case domain of Dayanak: plain Python, free of Flask and SQLAlchemy.

Everything here takes and returns plain values (dataclasses, enums, dates, dicts) so the
rules can be read and tested without an application or a database.
"""
