"""A dashboard table as CSV: UTF-8 with a BOM (spreadsheets read it as such), user text that would
start a formula prefixed with a quote, as the report CSV does."""
import csv
import io

from annotations.dashboard.figures import Table
from annotations.reports.renderers.csv import FORMULA_STARTS


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if isinstance(value, str) and text[:1] in FORMULA_STARTS else text


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([_cell(value) for value in row] for row in table.rows)
    return ("\ufeff" + out.getvalue()).encode()
