"""The registry of answering agencies, the people of the portal and their roles."""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common.bilingual import pick
from common.identifiers import has_invisible_characters, normalise_identifier


class Region(models.TextChoices):
    CENTRAL = "central", _("Central")
    NORTH = "north", _("North")
    NORTHEAST = "northeast", _("Northeast")
    EAST = "east", _("East")
    WEST = "west", _("West")
    SOUTH = "south", _("South")


class AgencyKind(models.TextChoices):
    DEPARTMENT = "department", _("Department level")
    REGIONAL = "regional", _("Regional administration")
    PCIO = "pcio", _("Provincial CIO committee")
    OTHER = "other", _("Other")


class BilingualName(models.Model):
    """Thai and English names; the Thai one is required, English falls back to Thai."""

    name_th = models.CharField(_("name (Thai)"), max_length=255)
    name_en = models.CharField(_("name (English)"), max_length=255, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.name_th, self.name_en, get_language())


class Ministry(BilingualName):
    code = models.CharField(_("code"), max_length=20, unique=True)
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=40, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("ministry")
        verbose_name_plural = _("ministries")
        ordering = ["code"]


class Province(BilingualName):
    code = models.CharField(_("ISO 3166-2 code"), max_length=5, unique=True)
    region = models.CharField(_("region"), max_length=12, choices=Region.choices)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^TH-[0-9]{2}$"), name="province_code_iso"
            ),
            models.CheckConstraint(
                condition=models.Q(region__in=Region.values), name="province_region_valid"
            ),
        ]


class Agency(BilingualName):
    code = models.CharField(_("code"), max_length=40, unique=True)
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=60, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=60, blank=True)
    ministry = models.ForeignKey(
        Ministry,
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        related_name="agencies",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=AgencyKind.values), name="agency_kind_valid"),
            models.CheckConstraint(
                condition=~models.Q(kind=AgencyKind.PCIO) | models.Q(province__isnull=False),
                name="agency_pcio_has_province",
            ),
        ]

    # The name this agency bore on the day a page is about (agencies.selectors.names_as_of sets
    # it for a cycle's pages); None: its current name.
    name_then: "AgencyName | None" = None

    @property
    def name(self) -> str:
        then = self.name_then
        return then.name if then is not None else pick(self.name_th, self.name_en, get_language())

    @property
    def abbr(self) -> str:
        """Its abbreviation as then in force, in the reader's language (Thai when no English)."""
        source: Any = self.name_then if self.name_then is not None else self
        return pick(source.abbr_th, source.abbr_en, get_language())


class AgencyName(BilingualName):
    """A name (and ministry) an agency bore until `valid_until`: renames and moves keep the old name,
    so pages of an earlier cycle show the name then in force and a search finds the old name."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="former_names"
    )
    abbr_th = models.CharField(_("abbreviation (Thai)"), max_length=60, blank=True)
    abbr_en = models.CharField(_("abbreviation (English)"), max_length=60, blank=True)
    ministry = models.ForeignKey(
        Ministry,
        verbose_name=_("ministry"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    valid_until = models.DateField(_("in force until"), help_text=_("The last day this name was in force."))

    class Meta:
        verbose_name = _("former agency name")
        verbose_name_plural = _("former agency names")
        ordering = ["agency", "valid_until"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "valid_until"], name="agency_name_one_per_day"),
        ]


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> "User":
        # People type their address in any case or width; addresses are stored normalised, and
        # compared exactly (iexact would let PostgreSQL fold look-alikes such as ı onto i unseen).
        if username is None or has_invisible_characters(username):
            raise self.model.DoesNotExist
        return self.get(email=normalise_identifier(username))

    def _create(self, email: str, password: str | None, **fields) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalise_identifier(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True, is_dga_admin=True)
        return self._create(email, password, **fields)


class User(AbstractUser):
    """A person who signs in with their e-mail address.

    Agency roles (officer, approver) are memberships; the DGA-wide roles are flags.
    """

    # Setting an inherited field to None removes it; django-stubs cannot express that.
    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    is_dga_admin = models.BooleanField(
        _("DGA admin"), default=False, help_text=_("Runs the survey year and reviews responses.")
    )
    is_evaluator = models.BooleanField(
        _("evaluator"), default=False, help_text=_("Sees rankings and scores panel awards.")
    )
    is_reviewer = models.BooleanField(
        _("reviewer"),
        default=False,
        help_text=_(
            "DGA staff or a consultant who reviews the agencies assigned to them, without administering."
        ),
    )
    affiliation = models.ForeignKey(
        Ministry,
        verbose_name=_("ministry affiliation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("An evaluator never scores agencies of this ministry."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    # Not a column: the roles before an admin's edit, kept by UserAdmin for its audit entry.
    _roles_before: dict[str, Any]

    # AbstractUser's stubs expect django's username-based UserManager; ours signs in by e-mail.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        if has_invisible_characters(self.email or ""):
            raise ValidationError({"email": _("An e-mail address cannot hold invisible characters.")})
        # Normalised before the unique check: a look-alike of another account's address is refused.
        self.email = normalise_identifier(self.email or "")

    def save(self, *args, **kwargs) -> None:
        if self.email:
            self.email = normalise_identifier(self.email)
        super().save(*args, **kwargs)
        if not self.is_active:
            # A deactivated person is signed out everywhere, at once.
            UserSession.objects.filter(user_id=self.pk).delete()


class MembershipRole(models.TextChoices):
    OFFICER = "officer", _("Officer")
    APPROVER = "approver", _("Approver (executive)")


class Membership(models.Model):
    """A user's role in one agency."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "agency"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency.code} · {self.get_role_display()}"


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("the audit log is append-only")

    def delete(self):
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """One change, written in the same transaction as the change itself; never edited.

    `target` names what changed ("surveys.response:42", "agencies.user:7"); `data` holds
    before, after and reason, plus what the action needs (e.g. the question code).
    PostgreSQL refuses UPDATE and DELETE on the table (a trigger, migration 0004), SQLite UPDATE
    (migration 0005; its flush needs DELETE).
    """

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("target type"), max_length=60)
    target_id = models.CharField(_("target id"), max_length=64)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("the audit log is append-only")


# Re-exported: `from agencies.models import ApiToken` as before the split.
from agencies.models.sessions import UserSession  # noqa: E402
from agencies.models.tokens import ApiScope, ApiToken  # noqa: E402

__all__ = [
    "Agency",
    "AgencyKind",
    "AgencyName",
    "ApiScope",
    "ApiToken",
    "AuditEvent",
    "AuditEventQuerySet",
    "BilingualName",
    "Membership",
    "MembershipRole",
    "Ministry",
    "Province",
    "Region",
    "User",
    "UserManager",
    "UserSession",
]
