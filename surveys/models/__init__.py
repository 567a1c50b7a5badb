"""The surveys app's models, one module per feature; importers use `surveys.models`."""

from surveys.models.assignment import ReviewAssignment
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
from surveys.models.receipt import ImmutableRow, SubmissionReceipt
from surveys.models.response import (
    Answer,
    AnswerChange,
    Response,
    ResponseEvent,
    ResponseQuerySet,
    ResponseStatus,
    ScoreState,
)
from surveys.models.review import (
    ProposalKind,
    ProposalState,
    ReviewComment,
    ReviewProposal,
    ScoreAdjustment,
)
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
    "ImmutableRow",
    "Notification",
    "NotificationKind",
    "NotificationSettings",
    "OutgoingEmail",
    "ProposalKind",
    "ProposalState",
    "Questionnaire",
    "Reminder",
    "Response",
    "ResponseEvent",
    "ResponseQuerySet",
    "ResponseStatus",
    "ReviewAssignment",
    "ReviewComment",
    "ReviewProposal",
    "ScoreAdjustment",
    "ScoreCard",
    "ScoreState",
    "ScoringJob",
    "SubmissionReceipt",
    "evidence_path",
    "export_path",
    "node_scores_of",
]
