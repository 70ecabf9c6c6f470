"""Use cases: each function loads, calls the domain in cases/, writes, and commits once."""
