"""The 自动化 page's panels: one widget per file."""
