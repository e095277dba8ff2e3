"""axe-core finds no serious or critical accessibility violation on any page type, in either language."""

import json

import pytest
from django.conf import settings

from tests.browser.conftest import BROWSER_TEST
from tests.helpers import DEMO_PASSWORD, article, topic

pytestmark = BROWSER_TEST

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}

PAGE_TYPES = {
    "home": lambda prefix: f"{prefix}/",
    "topic index": lambda prefix: topic(language="en" if prefix else "zh-hans").url,
    "article": lambda prefix: article(language="en" if prefix else "zh-hans").url,
    "log-in": lambda prefix: f"{prefix}/accounts/login/",
    "sign-up": lambda prefix: f"{prefix}/accounts/signup/",
    "password reset": lambda prefix: f"{prefix}/accounts/password/reset/",
    "not found": lambda prefix: f"{prefix}/no-such-page/",
    "search results": lambda prefix: f"{prefix}/search/?q=credit",
    "search nothing found": lambda prefix: f"{prefix}/search/?q=xyzzyplugh",
    "tool index": lambda prefix: f"{prefix}/tools/",
    "faq index": lambda prefix: f"{prefix}/faq/",
    "faq category": lambda prefix: f"{prefix}/faq/category/negotiation/",
    "faq answer": lambda prefix: f"{prefix}/faq/demo-faq-a08/" if prefix else "/faq/demo-faq-a01/",
    "apr result": lambda prefix: (
        f"{prefix}/tools/true-apr/?principal=10000&received=9000&payment=1000&months=12"
    ),
    "schedule result": lambda prefix: (
        f"{prefix}/tools/loan-repayments/?principal=1000&annual_rate=5&months=6"
    ),
    "calculator errors": lambda prefix: f"{prefix}/tools/true-apr/?principal=abc&months=0",
    "payoff result": lambda prefix: (
        f"{prefix}/tools/debt-payoff/?budget=2500&debt1_name=card&debt1_balance=12000&debt1_rate=18"
        "&debt1_minimum=600&debt2_name=loan&debt2_balance=8000&debt2_rate=24&debt2_minimum=400"
    ),
    "payoff errors": lambda prefix: f"{prefix}/tools/debt-payoff/?budget=800&debt1_name=card&debt2_rate=x",
    "budget result": lambda prefix: (
        f"{prefix}/tools/budget-planner/?wages=1000&wages_frequency=weekly&housing=1500&food=1200"
    ),
}


def axe_violations(page):
    assert AXE.exists(), f"{AXE} is missing: `make test` installs it with npm ci"
    # Evaluated through the DevTools protocol, not added as an inline <script>: the portal's Content Security
    # Policy rightly refuses inline scripts, and the test must not loosen it to look.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [violation for violation in results["violations"] if violation["impact"] in BLOCKING_IMPACTS]


def describe(violations):
    return json.dumps(
        [
            {
                "rule": violation["id"],
                "impact": violation["impact"],
                "help": violation["help"],
                "elements": [node["target"] for node in violation["nodes"]][:5],
            }
            for violation in violations
        ],
        ensure_ascii=False,
        indent=2,
    )


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_no_serious_accessibility_violations(page, page_type, prefix):
    page.goto(PAGE_TYPES[page_type](prefix))
    violations = axe_violations(page)
    assert not violations, f"{page_type} ({prefix or 'zh-hans'}):\n{describe(violations)}"


def test_account_page_has_no_serious_accessibility_violations(page):
    page.goto("/accounts/login/")
    page.get_by_label("电子邮件").fill("borrower@example.com")
    page.get_by_label("密码", exact=False).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/accounts/me/")
    violations = axe_violations(page)
    assert not violations, describe(violations)
