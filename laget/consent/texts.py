"""The starter consent text in the family side's languages, written for Laget.

Bokmål is the source. The other languages follow their message files' review state
(laget.lib.languages): drafts until a qualified translator has read them (README.md,
"Languages"). A municipality may publish its own versions; the mechanism takes any number of
languages (ConsentTextTranslation rows with a language tag).
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
    "se": (
        "Miehtan ovttasbargui máná birra",
        "Mii háliidit ovttasbargat eará bálvalusaiguin vai du mánná oažžu buori veahki. Go don "
        "miehtat, de listtus namuhuvvon bálvalusat sáhttet lohkat ja čállit du máná "
        "stafettloggii ja ságastallat gaskaneaset dan birra mii lea dárbbašlaš veahkkái.\n\n"
        "Don ieš mearridat. Don sáhtát goas beare geassit miehtama ruovttoluotta "
        "bearašsiidduin dahje go dieđihat stafettholderii. Dalle bálvalusat massit beassama "
        "dalán. Dieđut mat leat juo čállojuvvon, bissot loggas.\n\n"
        "Don sáhtát álo oaidnit geat leat lohkan ja čállán loggii. Mánáidsuodjalusas sáhttá "
        "leat vuoigatvuohta oažžut dieđuid vaikko don it mieđe; dalle čuožžu loggas makkár láhka "
        "addá vuođu.",
    ),
    "ar": (
        "الموافقة على التعاون من أجل الطفل",
        "نرغب في التعاون مع جهات أخرى لنقدّم لطفلك مساعدة جيدة. عندما توافق، يمكن للجهات "
        "المذكورة أن تقرأ وتكتب في السجل المشترك لطفلك (stafettlogg) وأن تتحدث معًا عمّا "
        "تتطلبه المساعدة.\n\n"
        "القرار قرارك. يمكنك سحب الموافقة في أي وقت من صفحة العائلة أو بإبلاغ منسّق المتابعة "
        "(stafettholder). عندها تفقد الجهات إمكانية الاطلاع فورًا. ما كُتب من قبل يبقى في "
        "السجل.\n\n"
        "يمكنك دائمًا أن ترى من قرأ في السجل ومن كتب فيه. قد يحق لهيئة حماية الطفل "
        "(barnevernet) الحصول على معلومات حتى دون موافقتك؛ وفي هذه الحالة يُذكر في السجل "
        "القانون الذي يمنح هذا الحق.",
    ),
    "so": (
        "Oggolaansho iskaashi ku saabsan ilmaha",
        "Waxaan jeclaan lahayn inaan la shaqeyno adeegyo kale si ilmahaaga loo siiyo caawimaad "
        "wanaagsan. Markaad oggolaato, adeegyada liiska ku qoran waxay akhrin karaan oo wax ku "
        "qori karaan diiwaanka wadaagga ah ee ilmahaaga (stafettlogg), waxayna wada hadli karaan "
        "waxa caawimaaddu u baahan tahay.\n\n"
        "Go'aanku adigaa leh. Waqti kasta waad ka noqon kartaa oggolaanshaha, bogga qoyska ama "
        "adigoo u sheegaya isku-duwaha (stafettholder). Markaas adeegyadu isla markiiba way "
        "waayaan gelitaanka. Waxa horay loo qoray diiwaanka ayay ku sii jiraan.\n\n"
        "Mar walba waad arki kartaa cidda akhrisay iyo cidda wax ku qortay diiwaanka. Adeegga "
        "daryeelka carruurta (barnevernet) waxaa laga yaabaa inuu xaq u leeyahay inuu helo "
        "macluumaad xitaa haddii aadan oggolaan; markaas diiwaanka waxaa lagu qoraa sharciga "
        "bixiya xaqaas.",
    ),
    "pl": (
        "Zgoda na współpracę wokół dziecka",
        "Chcemy współpracować z innymi służbami, aby dobrze pomóc twojemu dziecku. Gdy "
        "wyrazisz zgodę, wymienione służby mogą czytać wspólny dziennik dziecka (stafettlogg) "
        "i pisać w nim oraz rozmawiać ze sobą o tym, co jest potrzebne do udzielenia pomocy.\n\n"
        "To twoja decyzja. Zgodę możesz w każdej chwili wycofać na stronie dla rodziny albo "
        "mówiąc o tym koordynatorowi (stafettholder). Służby od razu tracą wtedy dostęp. To, co "
        "zostało już zapisane, pozostaje w dzienniku.\n\n"
        "Zawsze możesz zobaczyć, kto czytał dziennik i kto w nim pisał. Służba ochrony dzieci "
        "(barnevernet) może mieć prawo do informacji także bez twojej zgody; wtedy w dzienniku "
        "jest zapisane, która ustawa daje do tego podstawę.",
    ),
    "uk": (
        "Згода на співпрацю навколо дитини",
        "Ми хочемо співпрацювати з іншими службами, щоб добре допомогти вашій дитині. Коли ви "
        "даєте згоду, зазначені служби можуть читати спільний журнал дитини (stafettlogg) і "
        "писати в ньому, а також обговорювати між собою те, що потрібно для допомоги.\n\n"
        "Рішення за вами. Ви можете будь-коли відкликати згоду на сторінці для родини або "
        "сказавши про це координатору (stafettholder). Тоді служби одразу втрачають доступ. "
        "Те, що вже записано, залишається в журналі.\n\n"
        "Ви завжди можете побачити, хто читав журнал і хто писав у ньому. Служба захисту дітей "
        "(barnevernet) може мати право отримати інформацію навіть без вашої згоди; тоді в "
        "журналі зазначено, який закон дає на це підставу.",
    ),
    "ti": (
        "ፍቓድ ንምትሕብባር ኣብ ዙርያ እቲ ቆልዓ",
        "ንውላድኩም ጽቡቕ ሓገዝ ንምሃብ ምስ ካልኦት ኣገልግሎታት ክንሰርሕ ንደሊ። ፍቓድ ምስ እትህቡ፡ እቶም "
        "ዝተዘርዘሩ ኣገልግሎታት ነቲ ሓባራዊ መዝገብ ውላድኩም (stafettlogg) ከንብቡን ክጽሕፉን፡ ብዛዕባ "
        "እቲ ንሓገዝ ዘድሊ ድማ ክዘራረቡን ይኽእሉ።\n\n"
        "ውሳነ ናትኩም እዩ። ፍቓድኩም ኣብ ዝኾነ ግዜ ኣብ ገጽ ስድራ ወይ ንኣተሓባባሪ (stafettholder) "
        "ብምሕባር ክትስሕብዎ ትኽእሉ ኢኹም። ሽዑ እቶም ኣገልግሎታት ብኡንብኡ መሰል ምንባብ የጥፍኡ። እቲ "
        "ድሮ ዝተጻሕፈ ኣብቲ መዝገብ ይተርፍ።\n\n"
        "ኣብቲ መዝገብ መን ከም ዘንበበን መን ከም ዝጸሓፈን ኩሉ ግዜ ክትርእዩ ትኽእሉ ኢኹም። ኣገልግሎት "
        "ሓለዋ ቆልዑ (barnevernet) ብዘይ ፍቓድኩም እውን ሓበሬታ ናይ ምርካብ መሰል ክህልዎ ይኽእል እዩ፤ "
        "ከምኡ እንተኾይኑ ኣየናይ ሕጊ እዚ መሰል ከም ዝህብ ኣብቲ መዝገብ ይጽሓፍ።",
    ),
    "lt": (
        "Sutikimas bendradarbiauti dėl vaiko",
        "Norime bendradarbiauti su kitomis tarnybomis, kad jūsų vaikas gautų gerą pagalbą. Kai "
        "sutinkate, nurodytos tarnybos gali skaityti bendrą vaiko žurnalą (stafettlogg), jame "
        "rašyti ir tarpusavyje aptarti tai, ko reikia pagalbai.\n\n"
        "Sprendžiate jūs. Sutikimą galite bet kada atšaukti šeimos puslapyje arba pasakę "
        "koordinatoriui (stafettholder). Tada tarnybos iš karto netenka prieigos. Tai, kas jau "
        "parašyta, lieka žurnale.\n\n"
        "Visada galite matyti, kas skaitė žurnalą ir kas jame rašė. Vaiko teisių apsaugos "
        "tarnyba (barnevernet) gali turėti teisę gauti informaciją ir be jūsų sutikimo; tokiu "
        "atveju žurnale nurodoma, kuris įstatymas tai leidžia.",
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
