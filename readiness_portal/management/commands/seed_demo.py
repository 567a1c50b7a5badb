from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency, Membership, MembershipRole, Ministry, User
from surveys.models import Cycle, CycleTarget

# email, password, full name, agency code or None, membership role, flags
DEMO_USERS = [
    ("officer@example.com", "officer-demo-2566", "สมชาย ใจดี", "ALRO", MembershipRole.OFFICER, {}),
    ("approver@example.com", "approver-demo-2566", "สมหญิง รักษ์ดิจิทัล", "ALRO", MembershipRole.APPROVER, {}),
    ("officer.b@example.com", "officer-b-demo-2566", "วิชัย ชลประทาน", "RID", MembershipRole.OFFICER, {}),
    ("admin@example.com", "admin-demo-2566", "ผู้ดูแลระบบ สพร.", None, None,
     {"is_dga_admin": True, "is_staff": True, "is_superuser": True}),
    ("evaluator@example.com", "evaluator-demo-2566", "กรรมการ ประเมินผล", None, None,
     {"is_evaluator": True}),
]  # fmt: skip


class Command(BaseCommand):
    help = "Create demo users for every role (safe to run again) and print their passwords."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        lines = []
        for email, password, name, agency_code, role, flags in DEMO_USERS:
            user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, **flags})
            if created:
                user.set_password(password)
                user.save(update_fields=["password"])
            if agency_code and role:
                agency = Agency.objects.filter(code=agency_code).first()
                if agency is None:
                    raise CommandError(f"Agency {agency_code} is missing: run import_agencies first.")
                Membership.objects.update_or_create(user=user, agency=agency, defaults={"role": role})
            label = role.label if role else ("DGA admin" if flags.get("is_dga_admin") else "evaluator")
            lines.append(
                f"  {email:24} {password if created else '(unchanged)':22} {label} {agency_code or ''}"
            )
        evaluator = User.objects.get(email="evaluator@example.com")
        if evaluator.affiliation_id is None:
            evaluator.affiliation = Ministry.objects.filter(code="MOF").first()
            evaluator.save(update_fields=["affiliation"])
        self._extend_demo_deadlines()
        self.stdout.write("Demo users (e-mail, password, role):\n" + "\n".join(lines))

    def _extend_demo_deadlines(self) -> None:
        """The 2566 cycle closed in 2023: give the demo agencies time to try the whole flow."""
        cycle = Cycle.objects.first()
        if cycle is None:
            return
        until = max(cycle.closes_on, timezone.localdate() + timedelta(days=90))
        CycleTarget.objects.filter(cycle=cycle, agency__code__in=["ALRO", "RID"]).update(deadline=until)
        self.stdout.write(f"Demo: ALRO and RID may answer cycle {cycle.year} until {until:%Y-%m-%d}.")
