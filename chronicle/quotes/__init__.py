"""Quotations: direct quotes and indirect speech, with their speaker and reporting cue."""

from chronicle.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
