"""The surveys app's models, one module per feature; importers use `surveys.models`."""

from surveys.models.cycle import Cycle, CycleQuestionnaire, CycleTarget
from surveys.models.evidence import Evidence, EvidenceState, evidence_path
from surveys.models.exports import ExportFormat, ExportJob, ExportKind, ExportState, export_path
from surveys.models.notifications import (
    EmailState,
    Notification,
    NotificationKind,
    NotificationSettings,
    OutgoingEmail,
    Reminder,
)
from surveys.models.questionnaire import Questionnaire
from surveys.models.response import (
    Answer,
    AnswerChange,
    Response,
    ResponseEvent,
    ResponseQuerySet,
    ResponseStatus,
    ScoreState,
)
from surveys.models.review import ReviewComment, ScoreAdjustment
from surveys.models.scoring import ScoreCard, ScoringJob, node_scores_of

__all__ = [
    "Answer",
    "AnswerChange",
    "Cycle",
    "CycleQuestionnaire",
    "CycleTarget",
    "EmailState",
    "Evidence",
    "EvidenceState",
    "ExportFormat",
    "ExportJob",
    "ExportKind",
    "ExportState",
    "Notification",
    "NotificationKind",
    "NotificationSettings",
    "OutgoingEmail",
    "Questionnaire",
    "Reminder",
    "Response",
    "ResponseEvent",
    "ResponseQuerySet",
    "ResponseStatus",
    "ReviewComment",
    "ScoreAdjustment",
    "ScoreCard",
    "ScoreState",
    "ScoringJob",
    "evidence_path",
    "export_path",
    "node_scores_of",
]
