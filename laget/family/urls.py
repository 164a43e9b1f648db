"""Staff pages about the family of a case: restrictions, care orders, held-back access logs,
family members' roles and protected addresses. URLs carry ids only."""

from django.urls import path

from laget.family.views import access_requests, care_orders, holdbacks, members, restrictions

app_name = "family"

CASE = "saker/<int:case_id>/familie/"

urlpatterns: list = [
    # restrictions and care orders (laget/family/views/restrictions.py, care_orders.py)
    path(f"{CASE}skjerming/ny/", restrictions.restriction_propose, name="restriction_propose"),
    path(
        f"{CASE}skjerming/<int:restriction_id>/avgjor/",
        restrictions.restriction_decide,
        name="restriction_decide",
    ),
    path(
        f"{CASE}skjerming/<int:restriction_id>/opphev/",
        restrictions.restriction_end,
        name="restriction_end",
    ),
    path(f"{CASE}omsorg/ny/", care_orders.care_order_record, name="care_order_record"),
    path(f"{CASE}omsorg/innsyn/", care_orders.care_order_grants, name="care_order_grants"),
    path(f"{CASE}omsorg/avslutt/", care_orders.care_order_end, name="care_order_end"),
    # members' roles and protected addresses (laget/family/views/members.py)
    path(f"{CASE}medlem/<int:guardian_id>/", members.member_edit, name="member_edit"),
    path(f"{CASE}barnet/", members.child_edit, name="child_edit"),
    # held-back access logs (laget/family/views/holdbacks.py)
    path(f"{CASE}utsatt-innsyn/", holdbacks.hold_backs, name="hold_backs"),
    # access requests and the family's copy (laget/family/views/access_requests.py)
    path(f"{CASE}innsyn/", access_requests.access_requests, name="access_requests"),
    path(
        f"{CASE}innsyn/<int:request_id>/kopi/",
        access_requests.access_request_copy,
        name="access_request_copy",
    ),
]
