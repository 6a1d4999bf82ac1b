"""Fact-check reports: claims chosen by editors, published as frozen, numbered revisions."""
