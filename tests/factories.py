"""factory_boy factories for every model the tests need, and a small questionnaire."""

import copy
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.models import Agency, AgencyKind, Membership, MembershipRole, Ministry, Province, User
from surveys.models import Answer, Cycle, CycleTarget, Questionnaire, Response, ScoreCard
from surveys.services.questionnaires import checksum

SMALL_DEFINITION = {
    "code": "small-2566",
    "year": 2566,
    "title": {"th": "แบบสำรวจขนาดเล็ก", "en": "Small survey"},
    "bands": [
        {"code": "high", "min": 0.6, "label": {"th": "สูง", "en": "High"}},
        {"code": "low", "min": 0.0, "label": {"th": "ต่ำ", "en": "Low"}},
    ],
    "pillars": [
        {
            "code": "G",
            "title": {"th": "ข้อมูลทั่วไป", "en": "General information"},
            "weight": 0,
            "questions": [
                {"code": "G.1", "type": "text", "text": {"th": "ชื่อผู้ประสานงาน", "en": "Coordinator"}},
            ],
        },
        {
            "code": "P1",
            "title": {"th": "แนวนโยบายและหลักปฏิบัติ", "en": "Policy and practice"},
            "weight": 1,
            "questions": [
                {
                    "code": "P1.1",
                    "type": "single_choice",
                    "text": {"th": "มีแผนพัฒนาดิจิทัลหรือไม่", "en": "Is there a digital plan?"},
                    "evidence": "optional",  # the plan may be attached
                    "choices": [
                        {"code": "none", "label": {"th": "ไม่มี", "en": "None"}, "points": 0},
                        {"code": "draft", "label": {"th": "ร่าง", "en": "Draft"}, "points": 1},
                        {"code": "approved", "label": {"th": "อนุมัติแล้ว", "en": "Approved"}, "points": 2},
                    ],
                },
                {
                    "code": "P1.2",
                    "type": "yes_no",
                    "text": {"th": "แต่งตั้ง CIO แล้วหรือไม่", "en": "Is a CIO appointed?"},
                },
            ],
        },
        {
            "code": "P3",
            "title": {"th": "บริการภาครัฐ", "en": "Public services"},
            "weight": 1,
            "questions": [
                {
                    "code": "P3.1",
                    "type": "number",
                    "text": {"th": "จำนวนบริการดิจิทัล", "en": "Number of digital services"},
                    "min": 0,
                    "scoring": {
                        "bands": [{"min": 0, "points": 0}, {"min": 5, "points": 1}, {"min": 10, "points": 2}]
                    },
                },
            ],
        },
    ],
}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def small_definition(**top) -> dict:
    """A fresh copy of the small questionnaire; `top` replaces top-level keys (code, year, ...)."""
    return copy.deepcopy(SMALL_DEFINITION) | top


def pdf_upload(name: str = "plan.pdf") -> SimpleUploadedFile:
    """A small valid PDF, as an officer attaches it."""
    return SimpleUploadedFile(name, PDF)


class MinistryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ministry
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"M{n:02d}")
    name_th = factory.Sequence(lambda n: f"กระทรวงทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test ministry {n}")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TH-{10 + n % 90:02d}")
    name_th = factory.Sequence(lambda n: f"จังหวัดทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Province {n}")
    region = "central"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"AG{n:03d}")
    name_th = factory.Sequence(lambda n: f"กรมทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")
    ministry = factory.SubFactory(MinistryFactory)
    kind = AgencyKind.DEPARTMENT
    province = factory.Maybe(  # a provincial CIO office always has its province
        factory.LazyAttribute(lambda o: o.kind == AgencyKind.PCIO), factory.SubFactory(ProvinceFactory), None
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    full_name = factory.Sequence(lambda n: f"ผู้ใช้ {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = MembershipRole.OFFICER


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire
        django_get_or_create = ("code",)

    definition = factory.LazyFunction(small_definition)
    code = factory.LazyAttribute(lambda o: o.definition["code"])
    year = factory.LazyAttribute(lambda o: o.definition.get("year"))
    title_th = factory.LazyAttribute(lambda o: o.definition["title"]["th"])
    title_en = factory.LazyAttribute(lambda o: o.definition["title"].get("en", ""))
    checksum = factory.LazyAttribute(lambda o: checksum(o.definition))
    published_at = factory.LazyFunction(timezone.now)


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("year",)

    year = 2566
    questionnaire = factory.SubFactory(QuestionnaireFactory)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    cycle = factory.SubFactory(CycleFactory)
    questionnaire = factory.LazyAttribute(lambda o: o.cycle.questionnaire)

    @factory.post_generation
    def target(self, create, extracted, **kwargs):
        if create and self.cycle_id:
            CycleTarget.objects.get_or_create(cycle=self.cycle, agency=self.agency)

    @factory.post_generation
    def answers(self, create, extracted, **kwargs):
        """`answers={"P1.1": "approved"}` stores those answers as they stand (no history)."""
        if create and extracted:
            answers_create(self, extracted)


def answers_create(response: Response, values: dict) -> None:
    """Store answers on a response directly, as an import would, without history or checks."""
    for code, value in values.items():
        Answer.objects.create(response=response, question_code=code, value=value)


class ScoreCardFactory(factory.django.DjangoModelFactory):
    """A stored score card; `pillars={"P1": 0.8}` gives its nodes' scores."""

    class Meta:
        model = ScoreCard

    class Params:
        pillars = {}

    response = factory.SubFactory(ResponseFactory)
    questionnaire = factory.LazyAttribute(lambda o: o.response.questionnaire)
    total = 0.5
    band = "low"
    card = factory.LazyAttribute(
        lambda o: {
            "total": o.total,
            "band": o.band,
            "questions": {},
            "nodes": {code: {"code": code, "score": s, "weight": 1} for code, s in o.pillars.items()},
        }
    )


def wide_definition(n: int, code: str = "wide-2566") -> dict:
    """One scored pillar of `n` questions of every answerable type, a third of them conditional
    or needing evidence: for query counts and benchmarks."""
    kinds = ["single_choice", "yes_no", "number", "multi_choice", "text"]
    questions = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        q = {"code": f"W.{i + 1}", "type": kind, "text": {"th": f"คำถาม {i + 1}", "en": f"Question {i + 1}"}}
        q["help"] = {"th": "คำอธิบาย", "en": "Help"}
        if kind in ("single_choice", "multi_choice"):
            q["choices"] = [
                {"code": "a", "label": {"th": "ก", "en": "A"}, "points": 0},
                {"code": "b", "label": {"th": "ข", "en": "B"}, "points": 2},
            ]
            q["evidence"] = "required_for_points"
        if kind == "number":
            q["scoring"] = {"linear": {"min": 0, "max": 10}}
        if i % 3 == 2:
            q["visible_if"] = {"question": "W.1", "in": ["b"]}
        questions.append(q)
    definition = small_definition()
    definition["code"] = code
    definition["pillars"] = [
        {"code": "W", "title": {"th": "กว้าง", "en": "Wide"}, "weight": 1, "questions": questions}
    ]
    return definition
