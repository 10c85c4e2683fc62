"""The knowledge base: articles, their versions and approval, and Swedish search (S3, S5, S16)."""
