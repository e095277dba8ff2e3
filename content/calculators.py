"""What a calculator needs to render, on its own page or inside an article: form, result, warnings, links."""

from urllib.parse import urlencode

from django.urls import reverse

from portal.tools.calculators import CALCULATORS


def calculator_context(tool, request):
    from content.snippets import RateWarning

    calculator = CALCULATORS[tool]
    form, result = calculator.run(request.GET)
    context = {"calculator": calculator, "form": form, "result": result, "rate_warnings": []}
    if result is not None and "apr" in result:
        context["rate_warnings"] = RateWarning.above(result["apr"].apr_nominal)
    if result is not None and calculator.has_csv:
        context["csv_url"] = f"{reverse('tools_csv', args=[tool])}?{urlencode(form.data)}"
    return context
