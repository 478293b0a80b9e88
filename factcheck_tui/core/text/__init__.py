"""Pure functions of text (standard library only): folding, search terms, stemming, numbers, dates.
Imports nothing of the package.
"""
