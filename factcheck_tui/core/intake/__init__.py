"""Articles in: reading every format (text, Markdown, HTML, web links, Word drafts), and the import
and revision logic that stores them.
"""
