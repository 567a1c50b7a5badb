"""A small world for the security tests: the cast, a draft response of agency A with an answer and
a file, the small questionnaire's cycle, and awards with a ranked and a shortlisted agency."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from agencies.models import Agency
from agencies.services.tokens import token_create
from awards.services.imports import awards_import
from awards.services.ranking import awards_rank
from surveys.models import Evidence, ExportJob, Response, ReviewProposal
from surveys.services.answers import answer_save
from surveys.services.assignments import review_assign
from surveys.services.evidence import evidence_add
from surveys.services.exports import export_request, export_run
from surveys.services.receipts import receipt_issue
from tests.awards.conftest import PANEL, TOTAL, awards_data, scored_agency
from tests.factories import UserFactory, pdf_upload


@dataclass
class World:
    users: dict  # role name -> user (None for anonymous)
    response: Response
    evidence: Evidence
    awards_code: str
    ranked_agency: str
    export: ExportJob
    token_id: int  # officer A's API token
    fingerprint: str = "0" * 64  # a submission receipt of agency A's response (the world fixture's)
    proposal_id: int = 0  # the DGA admin's change waiting for a second reviewer (0: none)

    def url_values(self) -> dict[str, object]:
        """A value for every URL parameter name the portal uses."""
        return {
            "public_id": self.response.public_id,
            "pillar_code": "P1",
            "question_code": "P1.1",
            "action": "request_approval",
            "year": self.response.cycle.year,
            "code": self.response.questionnaire.code,
            "awards": self.awards_code,
            "category": "top",
            "agency": self.ranked_agency,
            "fmt": "csv",
            "uidb64": "MQ",
            "token": "set-password",
            "user_id": self.users["officer_a"].pk,
            "token_id": self.token_id,
            "fingerprint": self.fingerprint,
            "pk": 1,  # a notification's id: the authorisation matrix makes a real one for its line
            "proposal_id": self.proposal_id,
        }


@pytest.fixture
def world(cycle, response_a, alice, bob, charlie, dana, erin) -> World:
    rita = UserFactory(full_name="Rita", is_reviewer=True)  # reviews agency A (and B, below)
    review_assign(agencies=Agency.objects.filter(pk=response_a.agency_id), reviewer=rita, by=dana)
    answer_save(response=response_a, question_code="P1.1", value="draft", base_version=0, by=alice)
    evidence = evidence_add(response=response_a, question_code="P1.1", upload=pdf_upload(), by=alice)
    awards = awards_import(data=awards_data(TOTAL, PANEL))
    ranked = scored_agency(cycle, 0.9)
    awards_rank(awards_id=awards.pk)
    users = {
        "anonymous": None,
        "officer_a": alice,
        "officer_b": charlie,
        "approver_a": bob,
        "dga_admin": dana,
        "evaluator": erin,
        "reviewer": rita,
    }
    job = export_request(questionnaire=response_a.questionnaire, kind="scores", fmt="csv", by=dana)
    export_run(job_id=job.pk)  # the worker's part, here: the file exists for the download URL
    job.refresh_from_db()
    response_a.refresh_from_db()
    token, _secret = token_create(user=alice, name="sync", scopes=["read", "answer"], days=30)
    receipt = receipt_issue(response=response_a, by=bob)  # as on submission, for the receipt URLs
    proposal = ReviewProposal.objects.create(
        response=response_a, kind="adjust", question_code="P1.1", score=0.5, reason="ร่าง", proposed_by=dana
    )
    return World(
        users,
        response_a,
        evidence,
        awards.code,
        ranked.agency.code,
        job,
        token.pk,
        receipt.fingerprint,
        proposal.pk,
    )
