"""REST API for articles and claims (routes in verify/api/urls.py, included by config/api_urls.py)."""
