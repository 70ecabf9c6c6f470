"""Who works which cases: the one rule the desk, the scope, the assignment and the workflows share."""

import pytest

from cases.vocabulary import (
    ASSISTANCE_CATEGORIES,
    ASSISTANCE_KINDS,
    LEGAL_CATEGORIES,
    CaseKind,
    Role,
    categories_for_kind,
    kinds_for_role,
    staff_role_for_kind,
    staff_roles_for_kind,
)
from cases.workflows import ASSISTANCE_STAFF, LEGAL_STAFF, workflow_for


def test_lawyers_work_legal_cases_and_officers_assistance_cases():
    assert staff_role_for_kind(CaseKind.LEGAL) is Role.LAWYER
    assert {staff_role_for_kind(kind) for kind in ASSISTANCE_KINDS} == {Role.OFFICER}
    assert staff_role_for_kind("legal") is Role.LAWYER  # a stored value reads the same


def test_admins_act_as_staff_on_every_kind():
    for kind in CaseKind:
        assert staff_roles_for_kind(kind) == {staff_role_for_kind(kind), Role.ADMIN}


def test_kinds_for_role_is_the_inverse_of_the_working_role():
    assert kinds_for_role(Role.LAWYER) == (CaseKind.LEGAL,)
    assert set(kinds_for_role(Role.OFFICER)) == ASSISTANCE_KINDS
    assert kinds_for_role(Role.ADMIN) == tuple(CaseKind)


def test_an_unknown_kind_is_refused_rather_than_given_to_officers():
    with pytest.raises(ValueError):
        staff_role_for_kind("criminal")


def test_the_workflow_tables_use_the_same_staff_as_the_rule():
    assert workflow_for(CaseKind.LEGAL).transitions[0].roles == LEGAL_STAFF == staff_roles_for_kind(CaseKind.LEGAL)
    assert staff_roles_for_kind(CaseKind.MATERIAL) == ASSISTANCE_STAFF


def test_each_kind_offers_its_own_categories():
    assert categories_for_kind(CaseKind.LEGAL) == LEGAL_CATEGORIES
    assert categories_for_kind(CaseKind.SOCIAL) == categories_for_kind("material") == ASSISTANCE_CATEGORIES
