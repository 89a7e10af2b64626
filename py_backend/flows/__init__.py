"""Whole sign-in flows built from the five operations: URLs, redirects and polling."""
