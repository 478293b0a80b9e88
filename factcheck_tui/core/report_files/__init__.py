"""Prior fact-check report files in: one reader per format, and their import into the desk."""
