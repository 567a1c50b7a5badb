"""Deadline day: officers sign in, read pillar pages and autosave answers.

Each simulated officer works on one agency's response (two officers of one agency answer
different questions) (from LOAD_USERS, written by load.prepare). A
request that meets a connection error, 502, 503 or 504 is sent again after a short pause, as the
portal's own form does. Every answer the portal acknowledged (200) is recorded, with any later
value that was sent but never acknowledged, and written to LOAD_SAVED at the end for load.check.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import Counter, defaultdict

from locust import HttpUser, between, events, task

DATA = json.load(open(os.environ["LOAD_USERS"]))  # noqa: SIM115 - read once at start
OFFICERS = itertools.cycle(DATA["officers"])
QUESTIONS = DATA["questionnaire"]
PILLARS = sorted({q["pillar"] for q in QUESTIONS})
RETRY_STATUSES = {0, 502, 503, 504}
RETRIES = int(os.environ.get("LOAD_RETRIES", "12"))

SAVED: dict[str, dict] = {}  # "response/code" -> {"acked": value, "after": [values sent since]}
STATUSES: Counter = Counter()
RETRIED: Counter = Counter()


def value_for(question: dict, n: int):
    if question["type"] in ("single_choice", "yes_no"):
        return random.choice(question["values"] or ["yes", "no"])
    if question["type"] == "multi_choice":
        return sorted(random.sample(question["values"], k=random.randint(1, len(question["values"]))))
    if question["type"] == "number":
        return random.randint(int(question["min"]), int(question["max"]))
    return f"คำตอบที่ {n} ของวันส่งงาน / deadline answer {n}"


class Officer(HttpUser):
    # An officer reads a question and types an answer: a few seconds between requests.
    wait_time = between(3, 8)

    def on_start(self) -> None:
        me = next(OFFICERS)
        self.response_id, self.email, self.password = me["response"], me["email"], me["password"]
        index, count = me["share"]
        self.questions = [q for i, q in enumerate(QUESTIONS) if i % count == index]
        self.versions: dict[str, int] = defaultdict(int)
        self.n = 0
        self.sign_in()

    def send(self, method: str, path: str, name: str, **kwargs):
        """The request, sent again on a connection error or 502/503/504; the last reply."""
        for attempt in range(RETRIES + 1):
            with self.client.request(method, path, name=name, catch_response=True, **kwargs) as reply:
                STATUSES[reply.status_code] += 1
                if reply.status_code in RETRY_STATUSES and attempt < RETRIES:
                    reply.failure(f"{reply.status_code}: retried")
                    RETRIED[name] += 1
                    time.sleep(min(0.25 * 2**attempt, 3) + random.random() * 0.25)
                    continue
                if reply.status_code >= 400 and reply.status_code != 409:
                    reply.failure(f"{reply.status_code}")
                return reply
        return reply

    def sign_in(self) -> None:
        self.send("GET", "/accounts/login/", "/accounts/login/")
        token = self.client.cookies.get("csrftoken", "")
        data = {"username": self.email, "password": self.password, "csrfmiddlewaretoken": token}
        reply = self.send(
            "POST", "/accounts/login/", "/accounts/login/ [POST]", data=data, allow_redirects=False
        )
        if reply.status_code != 302:
            raise RuntimeError(f"sign-in of {self.email} failed: {reply.status_code}")

    @task(2)
    def read_pillar(self) -> None:
        pillar = random.choice(PILLARS)
        self.send(
            "GET", f"/responses/{self.response_id}/pillars/{pillar}/", "/responses/[id]/pillars/[pillar]/"
        )

    @task(5)
    def autosave(self) -> None:
        question = random.choice(self.questions)
        self.n += 1
        value = value_for(question, self.n)
        key = f"{self.response_id}/{question['code']}"
        record = SAVED.setdefault(key, {"acked": None, "after": []})
        record["after"].append(value)  # sent, not yet acknowledged
        data = {question["code"]: value, "version": self.versions[question["code"]]}
        headers = {"HX-Request": "true", "X-CSRFToken": self.client.cookies.get("csrftoken", "")}
        path = f"/responses/{self.response_id}/answers/{question['code']}/"
        reply = self.send("POST", path, "/responses/[id]/answers/[code]/", data=data, headers=headers)
        found = re.search(r'name="version" value="(\d+)"', reply.text or "")
        if found:
            self.versions[question["code"]] = int(found.group(1))
        if reply.status_code == 200:
            SAVED[key] = {"acked": value, "after": []}


@events.quitting.add_listener
def write_saved(environment, **kwargs) -> None:
    path = os.environ.get("LOAD_SAVED")
    if path:
        with open(path, "w") as handle:
            json.dump({"saved": SAVED, "statuses": STATUSES, "retried": RETRIED}, handle, ensure_ascii=False)
