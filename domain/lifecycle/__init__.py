"""The data lifecycle: retention, subject access exports and offboarding a city."""
