"""CSV downloads of a calculator's table, from the same query string as the page (nothing is stored).

Each calculator's form gives its rows, header first, with csv_rows(result)."""

import csv
from decimal import Decimal, InvalidOperation

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from portal.tools.calculators import CALCULATORS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def schedule_csv(request, tool):
    calculator = CALCULATORS.get(tool)
    if calculator is None or not calculator.has_csv:
        raise Http404
    form, result = calculator.run(request.GET)
    if result is None:
        message = _("Fill in the calculator first.")
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    # A byte-order mark lets spreadsheet programs on Chinese Windows read the file as UTF-8.
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{tool}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in form.csv_rows(result):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def spreadsheet_safe(cell):
    """Text a person typed (a debt's name) is never read as a formula: an apostrophe keeps =, +, - or @
    at its start literal in spreadsheet programs. Numbers are left as they are."""
    if isinstance(cell, str) and cell[:1] in FORMULA_STARTS:
        try:
            Decimal(cell)
        except InvalidOperation:
            return f"'{cell}"
    return cell
