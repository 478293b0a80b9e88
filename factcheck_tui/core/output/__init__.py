"""What goes back to the editor: the checked-claims CSV, the Word copy, the HTML report and
ClaimReview.
"""
