"""The terminal sizes the layout adapts to: below `SHORT_BELOW_ROWS` rows every screen has the
class `-short` (the App's vertical breakpoints; app.tcss): dialogs fill the screen and let
their list or text area shrink, so the input and the line of keys stay in view, and the
article screen folds the panels under its claims (tui/screens/article_base.py)."""

from __future__ import annotations

# 34 rows: the article screen with its panels open keeps about five claims of a news story
# in view from there up (the sample article at 120×34); below, they fold.
SHORT_BELOW_ROWS = 34
