"""The peer's side of `python -m benchmarks.peer`: django-survey-and-report's survey page, run in
its own throwaway virtualenv (make bench-peer installs it there; its code is never in this
repository). Standalone: configures Django itself, on a database of its own on the same
PostgreSQL server, with DEBUG off and the cached template loader.

Protocol on stdin/stdout, one line each: the parent writes a number N, this process answers a
JSON list of N request times in seconds; an empty line ends it."""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import urlparse

QUESTIONS = 30


def configure() -> None:
    import django
    from django.conf import settings

    url = urlparse(os.environ["DATABASE_URL"])
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-peer",  # noqa: S106 - a throwaway process
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "survey",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.locale.LocaleMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.template.context_processors.i18n",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.postgresql",
                "NAME": f"{url.path.lstrip('/')}_peer",
                "USER": url.username or "postgres",
                "PASSWORD": url.password or "",
                "HOST": url.hostname or "127.0.0.1",
                "PORT": url.port or 5432,
            }
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        STATIC_URL="/static/",
        LANGUAGE_CODE="en",
        USE_TZ=True,
        LOGIN_URL="/login/",
    )
    django.setup()


def urlpatterns_():  # the URLconf, built after set-up
    from django.urls import include, path

    return [path("survey/", include("survey.urls"))]


def build() -> str:
    """A survey of 30 questions of mixed types, every one answered by the signed-in user."""
    from django.contrib.auth.models import User
    from survey.models import Answer, Question, Response, Survey

    user = User.objects.create_user("officer", password="x")  # noqa: S106 - a throwaway database
    survey = Survey.objects.create(
        name="bench", description="bench", is_published=True, need_logged_user=True, display_method=0
    )
    kinds = [Question.RADIO, Question.RADIO, Question.INTEGER, Question.SELECT_MULTIPLE, Question.TEXT]
    response = Response.objects.create(survey=survey, user=user, interview_uuid="bench-0001")
    for i in range(QUESTIONS):
        kind = kinds[i % len(kinds)]
        choices = "a, b" if kind in (Question.RADIO, Question.SELECT_MULTIPLE) else ""
        question = Question.objects.create(
            text=f"Question {i + 1}", order=i, required=False, survey=survey, type=kind, choices=choices
        )
        body = {Question.RADIO: "b", Question.INTEGER: "7", Question.SELECT_MULTIPLE: "[u'a', u'b']"}.get(
            kind, "an answer"
        )
        Answer.objects.create(question=question, response=response, body=body)
    return f"/survey/{survey.pk}/"


def main() -> None:
    configure()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    globals()["urlpatterns"] = urlpatterns_()
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("migrate", verbosity=0)
        path = build()
        from django.contrib.auth.models import User

        client = Client()
        client.force_login(User.objects.get(username="officer"))
        reply = client.get(path)
        assert reply.status_code == 200, reply.status_code
        if os.environ.get("PEER_DUMP"):
            sys.stderr.write(reply.content.decode())
        sys.stdout.write(json.dumps({"ready": True, "bytes": len(reply.content)}) + "\n")
        sys.stdout.flush()
        for line in sys.stdin:
            if not line.strip():
                break
            times = []
            for _ in range(int(line)):
                started = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - started)
            sys.stdout.write(json.dumps(times) + "\n")
            sys.stdout.flush()
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    main()
