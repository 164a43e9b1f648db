"""Practice mode: fictional cases where staff rehearse the guide on the real pages.

Every staff user has a practice area (/ovelse/) listing their own practice cases, a library of
scenarios written for Laget (scenarios.py) to start, and a reset that removes their practice
cases so the scenarios can be started again. Starting a scenario opens a case through the real
services (case_open, case_identify, guardian_add, consent_request, participant_add, …) in the
user's own unit, with the user as stafettholder; from there the user works the case on the real
case page, entries, measures, meetings, consents and "what now?".

Isolation: deny by default, decided in one place per door
---------------------------------------------------------
1. The id says it (laget/lib/practice.py). Practice cases are numbered from PRACTICE_ID_FLOOR
   (10**15) up; real cases from 1. `is_practice_case(case_id)` needs no query, so the layers
   that hold nothing but a case id decide by it, in every process (web, API, worker, jobs).
   The row says the same: Case.is_practice and Case.practice_owner, tied to the id range by the
   database constraint case_practice_range.
2. Lists, figures, exports: Case.objects leaves practice cases out (RealCaseManager). It is the
   default manager, so every existing query (visible_cases and "my cases", unit lists, the API,
   monitoring's figures, rollups and aggregates, log review, archive, transfer, retention, the
   portal's family_cases) and every reverse relation (unit.responsible_cases, subject.cases)
   excludes them without being changed. Queries that start from a child table (Measure,
   Entry, …) across cases filter by a Case queryset (`case__in=cases`) and inherit it. Code that
   must see a practice case says so: Case.all_objects (the services that lock the case a door
   already checked, and this app).
3. Access: case_for opens a practice case only inside the practice scope and only to its
   owner (cases.access.practice_cases); nobody else, not the unit's leaders, ever reads one.
   The scope is entered by PracticeMiddleware for the real pages listed in PRACTICE_PAGES
   (pages.py) when the URL's case id is a practice id, and by this app's services. Every other
   door (the API, the portal, transfer, the consent export, the individual plan, child
   welfare's pages, the family's pages for staff) is outside the scope: 404, like a missing
   case. A new page is closed to practice until someone adds it to the list.
4. Notifications: the outbox's one door (laget.notify.services.queue) queues nothing for a
   practice id; nobody, staff or family, is e-mailed about a practice case.
5. The access log: audit_record and audit_list write no row for a practice id (the row is made
   and returned, not saved). Chosen over a separate practice chain or table because a practice
   case holds no one's personal data (only fictional people, synthetic national ids): the log's
   purpose, telling a person who read their data and letting the privacy officer check access,
   has no subject here; writing the rows into the real table would add chains and checkpoint
   entries to the real log, put practice reads into log review's samples and the user's list
   chain, and keep them for the log's retention after the cases are reset. A separate table
   would be a second log nobody reads. What the user did stays visible in the practice case's
   own stafettlogg until reset. The real rows and chain heads are identical before and after
   practice (tests/test_isolation.py).
6. Real people: inside the practice scope laget.people.national_id accepts only synthetic
   numbers (month + 80), whatever LAGET_SYNTHETIC_IDS says, so a practice case never names a
   real person; a practice case tells no real log about "the same child"
   (lifecycle._tell_other_logs); a portal login never links to a practice case's people
   (portal.services.portal_user_for_pid); and since no e-mail leaves, no family member is ever
   invited. Scenario people have no national id and no e-mail address.
7. Marked: every practice page (this app's and a practice case's) gets a banner and a
   different colour (context.practice_mode, base.html, laget.css), also at 360 px.

Reset deletes the user's practice cases with all their rows (services.practice_reset); nothing
of them is anywhere else to delete. The nightly `manage.py practice_clean` does the same for
practice cases older than settings.LAGET_PRACTICE_KEEP_DAYS and those of users who can no longer
log in. The nightly consent jobs (consents_expire, the reminders) pass practice consents by.
A practice case's pages offer no link to a page that stays shut for it: pages.opens decides,
for the middleware and the templates (`{% if case|opens:"…" %}`).
"""
