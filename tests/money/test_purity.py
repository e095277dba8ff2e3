"""portal.money stays pure Python: importable without Django and leaving the global decimal context alone."""

import decimal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from portal.money import Debt, loan_schedule, payoff_plan, true_apr

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_package_loads_no_django():
    script = "import sys, portal.money; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_global_decimal_context_is_untouched():
    before = decimal.getcontext().copy()
    loan_schedule(Decimal("1000000.00"), Decimal("0.049"), 360, "equal_installment")
    true_apr(Decimal("10000.00"), [Decimal("1000.00")] * 12, Decimal("1000.00"))
    payoff_plan(
        [Debt("card", Decimal("6000.00"), Decimal("0.18"), Decimal("300.00"))], Decimal("900.00"), "avalanche"
    )
    after = decimal.getcontext()
    assert (after.prec, after.rounding, after.Emax, after.Emin) == (
        before.prec,
        before.rounding,
        before.Emax,
        before.Emin,
    )


def test_every_module_has_a_docstring_and_no_float():
    for path in (ROOT / "portal" / "money").glob("*.py"):
        source = path.read_text("utf-8")
        assert source.startswith('"""'), path.name
        assert "float(" not in source and "import django" not in source and "from django" not in source, (
            path.name
        )
