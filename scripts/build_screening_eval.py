"""Build the held-out listing-screening evaluation set (eval/screening/) from templates over real brands.

Deterministic: the same seed and templates give byte-identical files. Every listing is written from public
facts (real brand owners and product-line names, documented counterfeit vocabulary, registered GIs) put
together by templates; the label says which signal families a correct screener should report. Groups
(a brand, a GI, or a cluster of generic sellers) are assigned to the tuning split or the held-out split
as a whole, so no seller and no brand appears in both. See eval/screening/README.md. The code lives in
the package scripts/screening_eval/ (one module per signal family).

    .venv/bin/python scripts/build_screening_eval.py            # writes eval/screening/
    .venv/bin/python scripts/build_screening_eval.py --check    # rebuilds in a temp dir and compares
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screening_eval.main import main

if __name__ == "__main__":
    raise SystemExit(main())
