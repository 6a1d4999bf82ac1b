"""Page-number pagination for every list; clients may ask for smaller or (bounded) larger pages."""
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request) -> int:
        """The page size asked for, capped at max_page_size; one that is not a whole number of at least 1
        is a 400 (DRF's own pagination silently used the default)."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise ValidationError({self.page_size_query_param: [f"Ask for 1 to {self.max_page_size} rows per page."]})
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = f"Rows per page (1–{self.max_page_size}, default {self.page_size}; more is " \
                                           f"capped at {self.max_page_size})."
        return parameters
