"""Validation messages for transfers, as constants the tests assert on."""

from django.utils.translation import gettext_lazy as _

MSG_ONLY_HOLDER = _("Bare stafettholderen kan foreslå å flytte saken.")
MSG_UNIT_NOT_ELSEWHERE = _("Velg en aktiv enhet i en annen kommune.")
MSG_ALREADY_PROPOSED = _("Saken har allerede et forslag om flytting som venter på svar.")
MSG_DESCRIPTION_REQUIRED = _("Skriv en kort, nøytral beskrivelse uten navn.")
MSG_CONSENT_MISSING = _("Alle som må samtykke, må ha sagt ja før saken kan flyttes: %(who)s.")
MSG_CONSENT_CHILD = _("Barnet må også ha samtykket.")
MSG_CONSENT_DATE_FUTURE = _("Datoen for samtykket kan ikke være fram i tid.")
MSG_NOT_OPEN = _("Forslaget er allerede besvart eller trukket tilbake.")
MSG_NOT_MEMBER = _("Velg en ansatt i enheten som tar imot saken.")
MSG_REASON_REQUIRED = _("Skriv hvorfor dere ikke tar imot saken.")
MSG_NO_OPEN_TRANSFER = _("Saken har ikke noe forslag om flytting som venter på svar.")
MSG_NO_FAMILY_TO_ASK = _(
    "Knytt saken til barnet og registrer de foresatte før saken flyttes: familien må samtykke."
)
