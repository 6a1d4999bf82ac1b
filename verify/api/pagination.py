"""Page-number pagination for every list; clients may ask for smaller or (bounded) larger pages."""
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
