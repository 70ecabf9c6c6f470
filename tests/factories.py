"""Factories for users, members, unions, institutions and cases (factory_boy)."""

import itertools

import factory
from factory.alchemy import SQLAlchemyModelFactory

from app.extensions import db
from app.models import Institution, MemberProfile, Union, User
from app.models.member import MembershipStatus
from cases.text import fold

PASSWORD = "correct horse battery"  # test accounts only

_id_counter = itertools.count(100000001)


def national_id(prefix: int | None = None) -> str:
    """A fresh valid T.C. Kimlik No (checksum computed)."""
    digits = [int(c) for c in str(prefix or next(_id_counter))[:9].rjust(9, "1")]
    d10 = (7 * sum(digits[0:9:2]) - sum(digits[1:8:2])) % 10
    d11 = (sum(digits) + d10) % 10
    return "".join(map(str, digits)) + f"{d10}{d11}"


_hash_cache: dict[str, str] = {}


def _password_hash() -> str:
    """One hash of PASSWORD reused by every factory user (hashing is deliberately slow)."""
    if "hash" not in _hash_cache:
        from app.models import user as user_module

        _hash_cache["hash"] = user_module._hasher.hash(PASSWORD)
    return _hash_cache["hash"]


class _Base(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731
        sqlalchemy_session_persistence = "commit"


class UnionFactory(_Base):
    class Meta:
        model = Union

    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"Sendika {n}")
    branch_no = factory.Sequence(lambda n: n % 11 + 1)


class InstitutionFactory(_Base):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Kurum {n} Müdürlüğü")
    province = "Ankara"


class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Kullanıcı {n}")
    role = "member"
    language = "tr"
    active = True

    password_hash = factory.LazyFunction(lambda: _password_hash())


class MemberFactory(_Base):
    """A member: a user with the member role and a verified profile."""

    class Meta:
        model = MemberProfile

    user = factory.SubFactory(UserFactory, role="member")
    union = factory.SubFactory(UnionFactory)
    national_id = factory.LazyFunction(national_id)
    membership_number = factory.Sequence(lambda n: f"M-{n:06d}")
    title = "Öğretmen"
    province = "Ankara"
    membership_status = MembershipStatus.VERIFIED
    full_name_folded = factory.LazyAttribute(lambda o: fold(o.user.full_name))

    @factory.lazy_attribute
    def institution(self):
        return InstitutionFactory()


def make_case(member: MemberProfile, actor: User | None = None, **fields):
    """Open a case through the real filing service (reference, search text, first event)."""
    from app.services.filing import NewCase, open_case

    defaults = dict(
        kind="legal",
        category="relocation",
        narrative="Gerekçesiz görevlendirildim.",
        requests="İptal",
        respondent_type="administration",
    )
    defaults.update(fields)
    user = db.session.get(User, member.user_id)
    case = open_case(member, NewCase(**defaults), actor=actor or user, member_name=user.full_name)
    db.session.commit()
    return case


def user_of(member: MemberProfile) -> User:
    """The account of a member profile (relationships never lazy-load: lazy="raise" on every model)."""
    return db.session.get(User, member.user_id)
