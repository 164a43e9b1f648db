"""The starter consent text in bokmål, nynorsk and English, written for Laget.

A municipality may publish its own versions; the mechanism takes any number of languages
(ConsentTextTranslation rows with a language tag).
"""

from laget.consent.models import ConsentText, ConsentTextTranslation
from laget.orgs.models import Municipality

KEY = "samarbeid"

STARTER = {
    "nb": (
        "Samtykke til samarbeid rundt barnet",
        "Vi ønsker å samarbeide med andre tjenester for å gi barnet ditt god hjelp. Når du "
        "samtykker, kan tjenestene som står oppført, lese og skrive i barnets stafettlogg og "
        "snakke sammen om det som er nødvendig for hjelpen.\n\n"
        "Du bestemmer selv. Du kan når som helst trekke samtykket tilbake i familiesiden eller "
        "ved å si fra til stafettholderen. Da mister tjenestene tilgangen med en gang. "
        "Opplysninger som allerede er skrevet, blir stående i loggen.\n\n"
        "Du kan alltid se hvem som har lest og skrevet i loggen. Barneverntjenesten kan ha "
        "plikt til å få opplysninger selv om du ikke samtykker; det står i så fall i loggen "
        "hvilken lov som gir grunnlaget.",
    ),
    "nn": (
        "Samtykke til samarbeid rundt barnet",
        "Vi ønskjer å samarbeide med andre tenester for å gje barnet ditt god hjelp. Når du "
        "samtykkjer, kan tenestene som står oppførte, lese og skrive i stafettloggen til barnet "
        "og snakke saman om det som er naudsynt for hjelpa.\n\n"
        "Du bestemmer sjølv. Du kan når som helst trekkje samtykket attende på familiesida eller "
        "ved å seie frå til stafetthaldaren. Då mistar tenestene tilgangen med ein gong. "
        "Opplysningar som alt er skrivne, blir ståande i loggen.\n\n"
        "Du kan alltid sjå kven som har lese og skrive i loggen. Barnevernstenesta kan ha plikt "
        "til å få opplysningar sjølv om du ikkje samtykkjer; det står i så fall i loggen kva for "
        "lov som gjev grunnlaget.",
    ),
    "en": (
        "Consent to cooperation around the child",
        "We would like to work with other services to give your child good help. When you "
        "consent, the services listed may read and write in your child's relay log and talk "
        "together about what the help requires.\n\n"
        "It is your decision. You can withdraw the consent at any time on the family pages or "
        "by telling the baton holder. The services then lose access at once. What has already "
        "been written stays in the log.\n\n"
        "You can always see who has read and written in the log. Child welfare services may be "
        "entitled to information even without your consent; the log then states which law "
        "gives that basis.",
    ),
}


def current_text(municipality: Municipality) -> ConsentText:
    """The newest version of the municipality's consent text; the starter text if none."""
    text = (
        ConsentText.objects.filter(municipality=municipality, key=KEY).order_by("-version").first()
    )
    if text is not None:
        return text
    text = ConsentText.objects.create(municipality=municipality, key=KEY, version=1)
    ConsentTextTranslation.objects.bulk_create(
        ConsentTextTranslation(text=text, language=lang, title=title, body=body)
        for lang, (title, body) in STARTER.items()
    )
    return text
