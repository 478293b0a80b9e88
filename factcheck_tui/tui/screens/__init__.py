"""Full screens: the article list (the desk view), an article beside its claims, help."""
