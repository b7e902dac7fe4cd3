"""The 自动化 page's parts: one widget per file."""
