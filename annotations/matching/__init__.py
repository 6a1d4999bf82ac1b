"""Claim matching: "has this been checked before?" across articles and reports."""
