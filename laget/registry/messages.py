"""Validation messages of the registry, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

# Scope: where a new or moved row may land (laget/registry/access.py).
MSG_MUNICIPALITY_OUTSIDE = _("Velg en kommune i ditt område.")
MSG_REGION_OUTSIDE = _("Regionen ligger utenfor ditt område.")
MSG_REGION_REQUIRED = _("Skriv regionen.")
# Practitioners, their years and qualifications.
MSG_MUNICIPALITY_OR_EMPLOYER = _("Velg kommune eller skriv arbeidsgiveren.")
MSG_REASON_LEFT_REQUIRED = _("Skriv hvorfor utøveren sluttet.")
MSG_ALREADY_QUALIFIED = _("Utøveren har allerede denne kvalifikasjonen.")
MSG_EXPIRES_BEFORE_OBTAINED = _(
    "Utløpsdatoen kan ikke være før datoen kvalifikasjonen ble oppnådd."
)
MSG_UNKNOWN_PRACTITIONER = _("Ukjent utøver.")
# Courses.
MSG_COURSE_COMPLETED = _("Kurset er fullført.")
# Families reached.
MSG_UNKNOWN_COUNT_KIND = _("Ukjent type antall.")
MSG_COUNT_NEGATIVE = _("Antallet kan ikke være negativt.")
# Programs as data.
MSG_PROGRAM_SLUG_TAKEN = _("Et annet program har allerede denne kortadressen.")
MSG_INTERVENTION_SLUG_TAKEN = _("Programmet har allerede en intervensjon med denne kortadressen.")
MSG_QUALIFICATION_SLUG_TAKEN = _("Programmet har allerede en kvalifikasjon med denne kortadressen.")
MSG_INTERVENTION_OTHER_PROGRAM = _("Intervensjonen hører til et annet program.")
MSG_QUALIFICATION_OTHER_PROGRAM = _("Kvalifikasjonen hører til et annet program.")
MSG_PERIOD_REQUIRED = _("Oppgi perioden kravene gjelder for.")
MSG_PERIOD_WITHOUT_MINIMUM = _(
    "En periode trengs bare når det er krav om familier eller veiledning."
)
# Agreements.
MSG_AGREEMENT_OTHER_MUNICIPALITY = _("Avtalen gjelder en annen kommune.")
MSG_AGREEMENT_EXISTS = _("Kommunen har allerede en avtale for dette programmet.")
MSG_UNKNOWN_PHASE = _("Ukjent fase: %(phase)s.")
MSG_PHASE_BEFORE = _("Datoen kan ikke være før kommunen gikk inn i fasen «%(phase)s» (%(date)s).")
# A qualification can require only Laget's national training (laget/registry/requirements.py).
MSG_TRAINING_NOT_NATIONAL = _("Velg opplæring fra Lagets nasjonale opplæring.")
# Linking a practitioner to their own Laget user (laget/registry/user_links.py).
MSG_ALREADY_LINKED = _("Du er allerede koblet til en utøver i programregisteret.")
MSG_NOT_LINKED = _("Utøveren er ikke koblet til en bruker i Laget.")
