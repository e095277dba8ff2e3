"""CSV downloads of a calculator's table, from the same query string as the page (nothing is stored)."""

import csv

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from portal.tools.calculators import CALCULATORS


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
    writer.writerow([_("Month"), _("Payment"), _("Principal"), _("Interest"), _("Balance")])
    for row in result["schedule"].rows:
        amounts = (row.payment, row.principal, row.interest, row.balance)
        writer.writerow([row.period, *(f"{amount:.2f}" for amount in amounts)])
    return response
