"""After a load run: is every answer the portal acknowledged in the database as sent?

An answer counts as kept when the database holds the last acknowledged value, or a value the
client sent after it whose acknowledgement never arrived (the save may have committed).
`python -m load.check SAVED.json` prints the figures and exits 1 if any answer is lost.
"""

from __future__ import annotations

import json
import os
import sys

import django


def same(stored, sent) -> bool:
    if isinstance(sent, (int, float)) and not isinstance(sent, bool):
        return isinstance(stored, (int, float)) and float(stored) == float(sent)
    if isinstance(sent, list):
        return isinstance(stored, list) and sorted(stored) == sorted(sent)
    return stored == sent


def lost_answers(saved: dict[str, dict], stored: dict[str, object]) -> list[str]:
    lost = []
    for key, record in saved.items():
        value = stored.get(key)
        candidates = [*record["after"], record["acked"]]
        if record["acked"] is None and value is None:
            continue
        if not any(same(value, c) for c in candidates if c is not None):
            lost.append(f"{key}: acknowledged {record['acked']!r}, database {value!r}")
    return lost


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness_portal.settings.load")
    django.setup()
    from surveys.models import Answer

    run = json.load(open(sys.argv[1]))  # noqa: SIM115
    saved = run["saved"]
    rows = Answer.objects.values_list("response__public_id", "question_code", "value")
    stored = {f"{rid}/{code}": value for rid, code, value in rows}
    lost = lost_answers(saved, stored)
    acked = sum(1 for r in saved.values() if r["acked"] is not None)
    print(f"answers acknowledged: {acked} (questions touched: {len(saved)}); lost: {len(lost)}")
    for line in lost[:20]:
        print("  LOST", line)
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
