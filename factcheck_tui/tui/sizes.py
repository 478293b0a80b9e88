"""The terminal sizes the layout adapts to: below `SHORT_BELOW_ROWS` rows every screen has the
class `-short` (the App's vertical breakpoints; app.tcss): dialogs fill the screen and let
their list or text area shrink, so the input and the line of keys stay in view. The article
screen folds the panels under its claims where, open, they would leave fewer than five
claims in view (`folds_article_panels`; tui/screens/article_base.py)."""

from __future__ import annotations

import math

SHORT_BELOW_ROWS = 34
# The article screen, open: the status line and the footer (2 rows), the facts, suggestions
# and detail under the claims (about 17 rows with their rules), and the claims in the right
# half of the screen (less its rule, scrollbar and padding), a news story's claim taking
# about 210 characters with its marks. Set on the sample article, a wire story (open, the
# extractor's 15 claims: 3 whole in view at 120×34, 5 at 120×40, 4 at 100×40 and at 80×48,
# 3 at 80×40, 12 at 160×48); debate-style claims are shorter (median 69 characters in
# CheckThat! 2024's dev-test), so elsewhere this errs towards folding, which `i` undoes.
OPEN_PANELS_ROWS = 19
CLAIM_CHARACTERS = 210
CLAIMS_IN_VIEW = 5


def folds_article_panels(width: int, height: int) -> bool:
    """Whether the article screen starts with its panels folded at this terminal size."""
    side = max(width // 2 - 4, 10)
    rows_for_claims = math.ceil(CLAIMS_IN_VIEW * CLAIM_CHARACTERS / side)
    return height < SHORT_BELOW_ROWS or height < OPEN_PANELS_ROWS + rows_for_claims
