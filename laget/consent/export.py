"""Consent records as machine-readable JSON-LD following ISO/IEC TS 27560:2023.

The structure uses the W3C Data Privacy Vocabulary's profile for ISO/IEC TS 27560 records
(dpv-27560#record): identifier, data subject, controller, jurisdiction and law, legal basis,
the processing (purpose, recipients, personal data), the consent status and its history, the
notice shown (text version and language) and how consent was indicated. The data subject is
identified by a pseudonymous case reference, never by name or national id.
"""

from typing import Any

from laget.consent.models import Consent, ConsentParty, ConsentState, EventKind

CONTEXT = {
    "dpv": "https://w3id.org/dpv#",
    "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
    "loc": "https://w3id.org/dpv/loc#",
    "pd": "https://w3id.org/dpv/pd#",
    "dct": "http://purl.org/dc/terms/",
}
CONFORMS_TO = "https://w3id.org/dpv/schema/dpv-27560#record"

STATUS = {
    ConsentState.REQUESTED: "dpv:ConsentRequested",
    ConsentState.GIVEN: "dpv:ConsentGiven",
    ConsentState.REFUSED: "dpv:ConsentRefused",
    ConsentState.WITHDRAWN: "dpv:ConsentWithdrawn",
    ConsentState.EXPIRED: "dpv:ConsentExpired",
}
EVENT_STATUS = {
    EventKind.REQUESTED: "dpv:ConsentRequested",
    EventKind.GIVEN: "dpv:ConsentGiven",
    EventKind.REFUSED: "dpv:ConsentRefused",
    EventKind.RENEWED: "dpv:RenewedConsentGiven",
    EventKind.WITHDRAWN: "dpv:ConsentWithdrawn",
    EventKind.EXPIRED: "dpv:ConsentExpired",
}


def _party_id(consent: Consent, party_id: int | None) -> str | None:
    return f"{consent.reference}/party/{party_id}" if party_id else None


def _party_type(party: ConsentParty) -> str:
    """The child, a guardian, or under a care order child welfare (a public body)."""
    if party.is_child:
        return "dpv:Child"
    if party.care_unit_id:
        return "dpv:GovernmentalOrganisation"
    return "dpv:Guardian"


def consent_record(consent: Consent) -> dict[str, Any]:
    """One consent as an ISO/IEC TS 27560 consent record (JSON-LD)."""
    case = consent.case
    events = list(consent.events.all())
    parties = list(consent.parties.all())
    created = events[0].at if events else consent.requested_at
    return {
        "@context": CONTEXT,
        "@type": "dpv:ConsentRecord",
        "dct:identifier": consent.reference,
        "dct:conformsTo": CONFORMS_TO,
        "dct:created": created.isoformat(),
        "dct:modified": (events[-1].at if events else created).isoformat(),
        "dpv:hasDataSubject": {
            "@id": f"case/{case.pk}/subject",
            "@type": "dpv:Child",
        },
        "dpv:hasDataController": {
            "@id": f"municipality/{case.municipality.number}",
            "dct:title": case.municipality.name,
        },
        "dpv:hasJurisdiction": ["loc:NO"],
        "dpv:hasApplicableLaw": "eu-gdpr:GDPR",
        # Consent for personal data, and explicit consent for health data.
        "dpv:hasLegalBasis": ["eu-gdpr:A6-1-a", "eu-gdpr:A9-2-a"],
        "dpv:hasProcess": {
            "@type": "dpv:Process",
            "dct:description": consent.purpose,
            "dpv:hasPurpose": "dpv:ServiceProvision",
            "dpv:hasPersonalData": ["pd:HealthRecord", "pd:Family", "pd:Education"],
            "dpv:hasRecipient": [
                {"@id": f"unit/{u.pk}", "dct:title": u.name, "dpv:hasEntityType": u.kind}
                for u in consent.units.all()
            ],
        },
        "dpv:hasConsentStatus": STATUS[ConsentState(consent.effective_state())],
        "dpv:hasExpiry": consent.expires_on.isoformat() if consent.expires_on else None,
        "dpv:hasNotice": {
            "@id": f"consent-text/{consent.text.key}/v{consent.text.version}",
            "dct:language": sorted(t.language for t in consent.text.translations.all()),
        },
        "dpv:isIndicatedBy": [
            {
                "@id": _party_id(consent, p.pk),
                "@type": _party_type(p),
                "dpv:hasConsentStatus": p.response,
                "dpv:hasIndicationMethod": p.channel or None,
                "dpv:isIndicatedAtTime": p.responded_at.isoformat() if p.responded_at else None,
            }
            for p in parties
        ],
        "dpv:hasConsentStatusHistory": [
            {
                "dpv:hasConsentStatus": EVENT_STATUS[EventKind(e.kind)],
                "dpv:isIndicatedAtTime": e.at.isoformat(),
                "dpv:isIndicatedBy": _party_id(consent, e.party_id),
                "dpv:hasIndicationMethod": e.channel or None,
                "dct:language": e.language or None,
                "dpv:hasExpiry": e.expires_on.isoformat() if e.expires_on else None,
            }
            for e in events
        ],
    }
