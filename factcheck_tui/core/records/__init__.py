"""The domain at the bottom: plain records, verdict scales, claim visibility, errors, the clock and
the one policy for showing untrusted text. Imports nothing of the package outside this folder.
"""
