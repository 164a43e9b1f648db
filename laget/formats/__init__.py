"""Date and number formats for the family side's languages Django has none for (Northern Sami,
Somali, Tigrinya): numeric dates as in Norway, where these families live, so no month name has
to fall back to bokmål. Ukrainian (uk/) only mends Django's day and month. settings.FORMAT_MODULE_PATH
points here."""
