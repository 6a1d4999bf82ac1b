"""REST API for reviews, sources and a claim's history (routes in annotations/api/urls.py)."""
