"""Prior reports and the desk's earlier checks that may answer a claim: retrieval, reranking and
reasons.
"""
