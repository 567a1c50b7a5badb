"""Deadline-day load and fault scenarios: `make load`, `make load-faults` (see README)."""
