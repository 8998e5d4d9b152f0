"""The mutation payloads: one per node a mutation answers with."""

from __future__ import annotations

from api.graphql.mutations.base import payload_type
from api.graphql.types.callins import CallInNode
from api.graphql.types.enforcement import EnforcementActionNode
from api.graphql.types.groups import GroupNode, GroupRelationshipNode
from api.graphql.types.incidents import IncidentNode, IncidentReviewNode
from api.graphql.types.notifications import CustomNotificationNode
from api.graphql.types.outreach import OutreachActivityNode
from api.graphql.types.people import DesignationNode, MembershipNode, PersonNode
from api.graphql.types.programme import ContextEventNode
from api.graphql.types.support import SupportCaseNode
from api.graphql.types.tasks import TaskNode

GroupPayload = payload_type("GroupPayload", "group", GroupNode)
GroupRelationshipPayload = payload_type("GroupRelationshipPayload", "relationship", GroupRelationshipNode)
PersonPayload = payload_type("PersonPayload", "person", PersonNode)
MembershipPayload = payload_type("MembershipPayload", "membership", MembershipNode)
DesignationPayload = payload_type("DesignationPayload", "designation", DesignationNode)
IncidentPayload = payload_type("IncidentPayload", "incident", IncidentNode)
IncidentReviewPayload = payload_type("IncidentReviewPayload", "review", IncidentReviewNode)
CallInPayload = payload_type("CallInPayload", "call_in", CallInNode)
CustomNotificationPayload = payload_type("CustomNotificationPayload", "notification", CustomNotificationNode)
EnforcementActionPayload = payload_type("EnforcementActionPayload", "action", EnforcementActionNode)
SupportCasePayload = payload_type("SupportCasePayload", "support_case", SupportCaseNode)
OutreachActivityPayload = payload_type("OutreachActivityPayload", "activity", OutreachActivityNode)
TaskPayload = payload_type("TaskPayload", "task", TaskNode)
ContextEventPayload = payload_type("ContextEventPayload", "context_event", ContextEventNode)
