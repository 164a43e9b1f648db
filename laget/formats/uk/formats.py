"""Ukrainian: a day and month in the genitive, "26 жовтня" (Django's own "d F" gives the
nominative, "26 Жовтень", which reads wrong in a sentence). Everything else is Django's."""

MONTH_DAY_FORMAT = "j E"
DATE_FORMAT = "j E Y р."
