"""REST API for fact-check reports (routes in urls.py, included by config/api_urls.py)."""
