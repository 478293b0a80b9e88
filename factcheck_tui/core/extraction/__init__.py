"""Finding the check-worthy sentences of an article: segmenting and scoring."""
