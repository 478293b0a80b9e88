"""What a checker changes (one change object each, listed in changes.py), undo, history and the
desk view.
"""
