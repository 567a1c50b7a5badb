"""`make load-faults`, second part: Redis stopped and started during submissions.

A private PostgreSQL, Redis and Celery worker on loopback. N responses awaiting approval are
approved (submitted) one after another through the service; Redis is stopped after the first
third and started again after the second. Submissions made while it is down leave their scoring
pending (the enqueue fails fast); the sweeper enqueues them once the broker is back. In the end
every submitted response must be scored exactly once: one score card each, state "done", and as
many scorings computed by the worker as there were submissions. Exits 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time

from load import stack
from surveys.services.transitions import response_transition


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=60)
    parser.add_argument("--timeout", type=int, default=120, help="seconds to wait for scoring")
    return parser.parse_args()


def setup_django(env: dict) -> None:
    os.environ.update(env)
    import django

    django.setup()


def awaiting(n: int) -> list:
    """n responses awaiting approval, each with an approver and a few answers."""
    from agencies.models import Membership, MembershipRole, User
    from surveys.models import Answer, Response, ResponseStatus

    responses = list(Response.objects.select_related("agency").order_by("pk")[:n])
    out = []
    for i, response in enumerate(responses):
        approver = User.objects.create_user(
            f"approver{i:03d}@load.example", "x" * 16, full_name=f"Approver {i}"
        )
        Membership.objects.create(user=approver, agency=response.agency, role=MembershipRole.APPROVER)
        Answer.objects.create(
            response=response, question_code="1.1", value="yes", version=1, updated_by=approver
        )
        Response.objects.filter(pk=response.pk).update(status=ResponseStatus.AWAITING_APPROVAL)
        out.append((response.pk, approver))
    return out


def sweep() -> str:
    """Enqueue scoring still pending: the sweeper the portal runs on a schedule."""
    from django.core.management import call_command

    call_command("sweep_scoring", verbosity=0)
    return "manage.py sweep_scoring"


def main() -> int:
    args = parse()
    with stack.workdir() as work:
        pg, redis = stack.Postgres(work), stack.Redis(work)
        worker = None
        try:
            pg.init()
            redis.start()
            env = stack.django_env(pg, redis, work / "media")
            env["CELERY_TASK_DEFAULT_QUEUE"] = queue = f"fault-{redis.port}"
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "load.prepare",
                    "--users",
                    str(args.responses),
                    "--output",
                    str(work / "u.json"),
                ],
                env=env,
                cwd=stack.ROOT,
                check=True,
            )
            setup_django(env)
            from surveys.models import Response, ScoreCard, ScoreState

            pending = awaiting(args.responses)
            log = work / "worker.log"
            worker = stack.celery_worker(env, log, queue=queue)
            third = len(pending) // 3
            began = time.monotonic()
            for i, (pk, approver) in enumerate(pending):
                if i == third:
                    redis.stop()
                    print(f"*** Redis stopped after {i} submissions ***", flush=True)
                if i == 2 * third:
                    redis.start()
                    print(f"*** Redis started again after {i} submissions ***", flush=True)
                response_transition(response=Response.objects.get(pk=pk), action="approve", by=approver)
            print(f"{len(pending)} submissions in {time.monotonic() - began:.1f}s", flush=True)
            left = Response.objects.filter(score_state=ScoreState.PENDING).count()
            print(f"scoring pending right after the submissions: {left}")
            deadline, how = time.monotonic() + args.timeout, ""
            while time.monotonic() < deadline:
                if (
                    not Response.objects.exclude(score_state=ScoreState.DONE)
                    .filter(status="submitted")
                    .exists()
                ):
                    break
                how = sweep()
                time.sleep(5)
            print(f"swept with: {how or 'nothing needed'}")
            submitted = Response.objects.filter(status="submitted")
            done = submitted.filter(score_state=ScoreState.DONE).count()
            cards = ScoreCard.objects.filter(response__in=submitted).count()
            stack.stop_process(worker)
            computed = len(
                re.findall(r"score_response_task\[[^\]]+\] succeeded in [\d.]+s: (?!None)", log.read_text())
            )
            print(
                f"submitted: {submitted.count()}; scored (done): {done}; score cards: {cards}; "
                f"scorings computed by the worker: {computed}"
            )
            ok = submitted.count() == len(pending) == done == cards == computed
            print("RESULT:", "PASS" if ok else "FAIL")
            return 0 if ok else 1
        finally:
            stack.stop_process(worker)
            redis.stop()
            pg.stop("fast")


if __name__ == "__main__":
    sys.exit(main())
