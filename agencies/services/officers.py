"""Officer accounts: CSV import, set-password invitations."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.forms import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from agencies.audit import audit_roles, roles_of
from agencies.files import registry
from agencies.files.registry import RegistryError, RowError
from agencies.models import Agency, Membership, MembershipRole, User
from common.identifiers import normalise_identifier

COLUMNS = ("email", "name", "agency", "role")


@dataclass(frozen=True)
class OfficerImport:
    created: int
    updated: int


def _check(rows, name: str, agencies: dict[str, int]) -> list[RowError]:
    errors, seen = [], {}
    for line, row in rows:
        email = row.get("email", "").lower()
        try:
            validate_email(email)
        except ValidationError:
            errors.append(RowError(name, line, f"e-mail {row.get('email')!r} is not valid"))
        if (email, row.get("agency")) in seen:
            errors.append(RowError(name, line, f"{email} is listed twice for {row.get('agency')}"))
        seen[(email, row.get("agency"))] = line
        if not row.get("name"):
            errors.append(RowError(name, line, "name is required"))
        if row.get("agency") not in agencies:
            errors.append(RowError(name, line, f"unknown agency code {row.get('agency')!r}"))
        if (row.get("role") or "officer") not in MembershipRole.values:
            errors.append(RowError(name, line, f"role must be one of {', '.join(MembershipRole.values)}"))
    return errors


def officers_import(*, path: Path, base_url: str) -> OfficerImport:
    """Create or update officers and their memberships; invite new people to set a password."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RegistryError([RowError(path.name, 1, "the file is not UTF-8 text")]) from None
    rows, errors = registry.read_rows(text, path.name, COLUMNS, ("email", "name", "agency"))
    agencies = dict(Agency.objects.values_list("code", "pk"))
    errors += _check(rows, path.name, agencies)
    if errors:
        raise RegistryError(errors)
    created = updated = 0
    with transaction.atomic():
        for _line, row in rows:
            user, is_new = User.objects.get_or_create(
                email=normalise_identifier(row["email"]), defaults={"full_name": row["name"]}
            )
            if is_new:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                transaction.on_commit(partial(officer_invite, user=user, base_url=base_url))
            created, updated = created + is_new, updated + (not is_new)
            before = roles_of(user)
            Membership.objects.update_or_create(
                user=user, agency_id=agencies[row["agency"]], defaults={"role": row.get("role") or "officer"}
            )
            audit_roles(actor=None, user=user, before=before, reason=f"import_officers {path.name}")
    return OfficerImport(created, updated)


def officer_invite(*, user: User, base_url: str) -> None:
    """E-mail a one-time link with which the person sets their own password."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    body = render_to_string(
        "registration/invitation_email.txt", {"user": user, "link": base_url.rstrip("/") + path}
    )
    send_mail(_("Your account on the readiness portal"), body, settings.DEFAULT_FROM_EMAIL, [user.email])
