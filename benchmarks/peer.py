"""The pillar page side by side (issue 18): this portal, the Django peer django-survey-and-report
and Django's floor, on the same job — a page of 30 answered questions of mixed types, its person
signed in — in interleaved rounds, printing medians and ratios.

    make bench-peer                      # installs the peer into a throwaway venv, then runs this
    python -m benchmarks.peer --peer-python /path/to/venv/bin/python   # with DATABASE_URL set

- portal: GET the pillar page through the whole stack (middleware, session, templates).
- peer: GET django-survey-and-report's one-page survey, in its own process and virtualenv
  (benchmarks/peer_site.py; its code is installed at bench time, never kept here), on a
  database of its own on the same PostgreSQL server.
- floor: GET a page of the same 30 inputs rendered from memory by one plain Django template,
  through the portal's own stack (middleware, session): what Django costs at the least.

PostgreSQL, in-process test clients, DEBUG off, cached template loader; rounds alternate
portal → peer → floor so a burst of load on the machine falls on each alike."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FLOOR_TEMPLATE = """<!doctype html><html lang="th"><head><title>floor</title></head><body><main>
<form method="post">{% csrf_token %}{% for q in questions %}
<div class="mb-3"><label for="id_{{ q.code }}">{{ q.code }} {{ q.text }}</label>
<input name="{{ q.code }}" id="id_{{ q.code }}" value="{{ q.value }}"></div>{% endfor %}
</form></main></body></html>"""


def floor_view(request):
    """The same 30 inputs, from memory, one plain template."""
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string(FLOOR_TEMPLATE)
    questions = [{"code": f"W.{i}", "text": f"คำถาม {i}", "value": "b"} for i in range(1, 31)]
    return HttpResponse(template.render({"questions": questions}, request))


def _timed(client, path: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        reply = client.get(path)
        times.append(time.perf_counter() - started)
        assert reply.status_code == 200, reply.status_code
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", help="the python of a virtualenv holding django-survey-and-report")
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--per-round", type=int, default=20, help="requests per figure per round")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "readiness_portal.settings.test")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database: the figures are PostgreSQL's")

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import override_settings, setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    from django.template.base import Template

    Template._render = lambda self, context: self.nodelist.render(context)  # as a server: no test signals
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    peer = None
    try:
        with override_settings(ROOT_URLCONF="benchmarks.peer_urls", DEBUG=False):
            from benchmarks.test_form import answered_response

            client, response = answered_response(30)
            portal_path = reverse("surveys:pillar", args=[response.public_id, "W"])
            floor_path = "/bench-floor/"
            sizes = {
                "portal": len(client.get(portal_path).content),
                "floor": len(client.get(floor_path).content),
            }
            if args.peer_python:
                peer = subprocess.Popen(  # noqa: S603 - our own script, in the venv given
                    [args.peer_python, str(HERE / "peer_site.py")],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    env={**os.environ},
                )
                assert peer.stdin is not None and peer.stdout is not None
                sizes["peer"] = json.loads(peer.stdout.readline())["bytes"]
            samples: dict[str, list[float]] = {name: [] for name in sizes}
            for _ in range(args.rounds):
                samples["portal"] += _timed(client, portal_path, args.per_round)
                if peer is not None:
                    peer.stdin.write(f"{args.per_round}\n")
                    peer.stdin.flush()
                    samples["peer"] += json.loads(peer.stdout.readline())
                samples["floor"] += _timed(client, floor_path, args.per_round)
    finally:
        if peer is not None and peer.stdin is not None:
            peer.stdin.write("\n")
            peer.stdin.flush()
            peer.wait(timeout=120)
        connection.creation.destroy_test_db(test_db, verbosity=0)
    medians = {name: statistics.median(times) for name, times in samples.items()}
    print(f"\nGET a page of 30 answered questions; {args.rounds} interleaved rounds of {args.per_round}")
    print(f"(PostgreSQL, DEBUG={settings.DEBUG}, {len(samples['portal'])} requests a figure)")
    for name in ("peer", "portal", "floor"):
        if name in medians:
            print(f"  {name:7} median {medians[name] * 1000:8.2f} ms   {sizes[name] / 1024:6.1f} kB")
    if "peer" in medians:
        print(
            f"  portal/peer  = {medians['portal'] / medians['peer']:.2f}  (≤ 0.50: twice as fast as the peer)"
        )
    else:
        print("  peer: not measured (give --peer-python; make bench-peer installs it)")
    print(f"  portal/floor = {medians['portal'] / medians['floor']:.2f}  (≤ 3)")


if __name__ == "__main__":
    main()
