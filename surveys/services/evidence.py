"""Evidence attached to an answer and removed, while the response is editable."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Count, Sum

from agencies.audit import audit_log
from agencies.models import User
from surveys.files.uploads import UploadRejected, check_upload, clean_name
from surveys.models import Evidence, Response
from surveys.services.answers import question_of
from surveys.services.transitions import guard_editable, response_lock_editable


def evidence_add(*, response: Response, question_code: str, upload: UploadedFile, by: User) -> Evidence:
    """Attach a file to a question; refused (UploadRejected) by size or by its content's type."""
    if not question_of(response, question_code, file_ok=True).takes_evidence:
        raise UploadRejected("not_taken")  # the question's evidence is "none"
    guard_editable(response, by)  # who may write, before a byte of the file is read
    size = upload.size or 0
    kind = check_upload(upload, size, settings.EVIDENCE_MAX_MB * 1024 * 1024)
    with transaction.atomic():
        locked = response_lock_editable(response=response, by=by)
        _check_quota(locked, size)
        evidence = Evidence(
            response=locked,
            question_code=question_code,
            original_name=clean_name(upload.name or ""),
            content_type=kind.mime,
            extension=f".{kind.extension}",
            size=size,
            uploaded_by=by,
        )
        evidence.file.save("upload", upload, save=False)
        try:
            evidence.save()
            audit_log(
                actor=by, action="evidence.add", target=locked, after=evidence.original_name,
                question=question_code, evidence=str(evidence.public_id), size=evidence.size,
            )  # fmt: skip
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def _check_quota(response: Response, size: int) -> None:
    """The response's files stay within their number and their bytes (settings); the caller holds
    the response's lock, so two uploads at once cannot both pass."""
    held = Evidence.objects.filter(response=response).aggregate(files=Count("pk"), size=Sum("size"))
    max_files = settings.EVIDENCE_MAX_FILES_PER_RESPONSE
    max_bytes = settings.EVIDENCE_MAX_MB_PER_RESPONSE * 1024 * 1024
    if held["files"] >= max_files:
        raise UploadRejected("too_many", max_files=max_files)
    if (held["size"] or 0) + size > max_bytes:
        raise UploadRejected("quota", max_bytes=max_bytes)


def evidence_remove(*, evidence: Evidence, by: User) -> None:
    """Remove a file while its response is editable; the stored file goes once the row has."""
    with transaction.atomic():
        locked = response_lock_editable(response=evidence.response, by=by)
        name, storage = evidence.file.name, evidence.file.storage
        audit_log(
            actor=by, action="evidence.remove", target=locked, before=evidence.original_name,
            question=evidence.question_code, evidence=str(evidence.public_id),
        )  # fmt: skip
        evidence.delete()
        if name:
            transaction.on_commit(lambda: storage.delete(name))
