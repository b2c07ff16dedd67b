"""Provisions: the typed terms of an agreement.

A provision is one tagged-union member per kind of term (`kind: third_country_transfer`, ...).
Each holds only structured fields; the words of the source live in its citations. Where sources
disagree about a term, each claim is its own provision with its own `asserted_by`, and the
contesting one names the claim it `disputes` -- the store never picks a side silently.

The kinds are grouped by what they govern: `handling` (release, use, access, protection, marking,
loss), `arrangement` (routes, scope, binding force, authorities, disputes, costs) and
`final_clauses` (entry into force, duration, denunciation, accession, languages, territory).
"""

from __future__ import annotations

import typing
from typing import Literal

from schema.provisions.arrangement import (
    BindingStatus,
    CompensationWaiver,
    Costs,
    DisputeMeans,
    DisputeSettlement,
    ImmunityWaiver,
    InformationForm,
    IntellectualProperty,
    IntermediaryRouting,
    LegalChangeNotification,
    OtherAgreements,
    Route,
    Scope,
    SecurityAuthority,
)
from schema.provisions.base import (
    ApprovalBy,
    ApprovalForm,
    Basis,
    ProvisionBase,
)
from schema.provisions.final_clauses import (
    Accession,
    Amendment,
    AmendmentBy,
    AuthenticLanguages,
    Denunciation,
    DepositaryDuties,
    DepositaryDuty,
    Duration,
    EntryIntoForceRule,
    Instrument,
    Supersession,
    TerritorialApplication,
)
from schema.provisions.handling import (
    ClassificationChange,
    ClassificationEquivalence,
    ClassificationLevels,
    Contractors,
    DestructionReturn,
    EquivalenceRow,
    HandlingRules,
    LossNotification,
    LossTrigger,
    Marking,
    NeedToKnowAccess,
    ProtectionOfClassifiedInformation,
    PurposeLimitation,
    ReproductionTranslation,
    ThirdCountryTransfer,
    Transmission,
    TransmissionChannel,
    Visits,
)

Provision = (
    ThirdCountryTransfer
    | NeedToKnowAccess
    | LossNotification
    | IntermediaryRouting
    | BindingStatus
    | Scope
    | ClassificationLevels
    | ProtectionOfClassifiedInformation
    | PurposeLimitation
    | SecurityAuthority
    | OtherAgreements
    | EntryIntoForceRule
    | Supersession
    | Accession
    | Denunciation
    | DepositaryDuties
    | AuthenticLanguages
    | ClassificationEquivalence
    | ClassificationChange
    | Transmission
    | ReproductionTranslation
    | DestructionReturn
    | Visits
    | Contractors
    | DisputeSettlement
    | Costs
    | IntellectualProperty
    | Duration
    | TerritorialApplication
    | CompensationWaiver
    | ImmunityWaiver
    | LegalChangeNotification
    | Amendment
)
"""Every kind of term, as a tagged union on `kind`."""

ProvisionKind = Literal[
    "third_country_transfer",
    "need_to_know_access",
    "loss_notification",
    "intermediary_routing",
    "binding_status",
    "scope",
    "classification_levels",
    "protection_of_classified_information",
    "purpose_limitation",
    "security_authority",
    "other_agreements",
    "entry_into_force_rule",
    "supersession",
    "accession",
    "denunciation",
    "depositary_duties",
    "authentic_languages",
    "classification_equivalence",
    "classification_change",
    "transmission",
    "reproduction_translation",
    "destruction_return",
    "visits",
    "contractors",
    "dispute_settlement",
    "costs",
    "intellectual_property",
    "duration",
    "territorial_application",
    "compensation_waiver",
    "immunity_waiver",
    "legal_change_notification",
    "amendment",
]
"""The `kind` tags of `Provision`, for filters (a test keeps the two in step)."""

PROVISION_TYPES: tuple[type[ProvisionBase], ...] = typing.get_args(Provision)
PROVISION_KINDS: dict[str, type[ProvisionBase]] = {str(t.__struct_config__.tag): t for t in PROVISION_TYPES}

__all__ = [
    "PROVISION_KINDS",
    "PROVISION_TYPES",
    "Accession",
    "Amendment",
    "AmendmentBy",
    "ApprovalBy",
    "ApprovalForm",
    "AuthenticLanguages",
    "Basis",
    "BindingStatus",
    "ClassificationChange",
    "ClassificationEquivalence",
    "ClassificationLevels",
    "CompensationWaiver",
    "Contractors",
    "Costs",
    "Denunciation",
    "DepositaryDuties",
    "DepositaryDuty",
    "DestructionReturn",
    "DisputeMeans",
    "DisputeSettlement",
    "Duration",
    "EntryIntoForceRule",
    "EquivalenceRow",
    "HandlingRules",
    "ImmunityWaiver",
    "InformationForm",
    "Instrument",
    "IntellectualProperty",
    "IntermediaryRouting",
    "LegalChangeNotification",
    "LossNotification",
    "LossTrigger",
    "Marking",
    "NeedToKnowAccess",
    "OtherAgreements",
    "ProtectionOfClassifiedInformation",
    "Provision",
    "ProvisionBase",
    "ProvisionKind",
    "PurposeLimitation",
    "ReproductionTranslation",
    "Route",
    "Scope",
    "SecurityAuthority",
    "Supersession",
    "TerritorialApplication",
    "ThirdCountryTransfer",
    "Transmission",
    "TransmissionChannel",
    "Visits",
]
