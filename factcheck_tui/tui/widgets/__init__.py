"""Widgets of the article screen and the article list."""
