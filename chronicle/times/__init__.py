"""Temporal expressions: find them in the article text and normalise them to TimeML TIMEX3 values."""

from chronicle.times.extract import extract_times

__all__ = ["extract_times"]
