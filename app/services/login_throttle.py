"""Failed sign-ins slow down guessing without letting anyone lock a real user out.

Three counts, kept in the limiter's storage (Redis in production):

- an account *and* address pair: after ``LOGIN_PAIR_FREE_FAILURES`` failures each further one
  pauses that pair for a growing time (1, 2, 4 … minutes, at most ``LOGIN_PAIR_MAX_MINUTES``);
- an account from any address (``LOGIN_LIMIT_PER_ACCOUNT``) and an address trying any account
  (``LOGIN_LIMIT_PER_ADDRESS``): over either, only addresses the account never signed in from
  are paused, so the owner's usual address keeps working and colleagues behind one office
  connection never pause each other.

A paused sign-in still checks the password: when it is right, the owner is mailed a one-time
link that finishes signing in (app/services/sign_in_links.py), and the page says the same
whether it was right or not, so a pause teaches a guesser nothing and locks nobody out.
Registration attempts are counted per address too, with the same storage.
"""

import math
import time
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from limits import parse
from sqlalchemy.exc import IntegrityError

from app.extensions import db, limiter
from app.models import SignInAddress, User
from app.models.base import utcnow

PAIR_WINDOW_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Lockout:
    minutes: int


def _limits():
    cfg = current_app.config
    return {"account": parse(cfg["LOGIN_LIMIT_PER_ACCOUNT"]), "address": parse(cfg["LOGIN_LIMIT_PER_ADDRESS"])}


def _keys(email: str, address: str) -> dict[str, str]:
    return {
        "account": f"login-account:{email}",
        "address": f"login-address:{address}",
        "pair": f"login-pair:{email}|{address}",
        "pause": f"login-pair-pause:{email}|{address}",
    }


def _storage():
    return limiter.limiter.storage


def is_known_address(user: User | None, address: str) -> bool:
    """Whether ``user`` signed in successfully from ``address`` before."""
    if user is None:
        return False
    found = db.session.scalar(
        sa.select(SignInAddress.id).where(SignInAddress.user_id == user.id, SignInAddress.address == address)
    )
    return found is not None


def check_lockout(email: str, address: str, *, known_address: bool = False) -> Lockout | None:
    """A Lockout with the minutes to wait when this sign-in is paused, else None."""
    keys = _keys(email, address)
    waits = []
    if _storage().get(keys["pause"]):
        waits.append(_minutes_until(_storage().get_expiry(keys["pause"])))
    if not known_address:
        for name, item in _limits().items():
            if not limiter.limiter.test(item, keys[name]):
                waits.append(_minutes_until(limiter.limiter.get_window_stats(item, keys[name]).reset_time))
    return Lockout(max(waits)) if waits else None


def _minutes_until(moment: float) -> int:
    return max(1, math.ceil((moment - time.time()) / 60))


def pause_minutes(failures: int) -> int:
    """How long the pair pauses after its ``failures``-th failure in a row (0: not yet)."""
    free = int(current_app.config["LOGIN_PAIR_FREE_FAILURES"])
    if failures < free:
        return 0
    return min(2 ** (failures - free), int(current_app.config["LOGIN_PAIR_MAX_MINUTES"]))


def record_failure(email: str, address: str) -> None:
    keys = _keys(email, address)
    for name, item in _limits().items():
        limiter.limiter.hit(item, keys[name])
    failures = _storage().incr(keys["pair"], PAIR_WINDOW_SECONDS)
    minutes = pause_minutes(failures)
    if minutes:
        _storage().clear(keys["pause"])
        _storage().incr(keys["pause"], minutes * 60)


def record_success(user: User, email: str, address: str) -> None:
    """Forget the account's and the pair's failures, and remember the address (committed)."""
    keys = _keys(email, address)
    limiter.limiter.clear(_limits()["account"], keys["account"])
    _storage().clear(keys["pair"])
    _storage().clear(keys["pause"])
    row = db.session.scalar(
        sa.select(SignInAddress).where(SignInAddress.user_id == user.id, SignInAddress.address == address)
    )
    if row is not None:
        row.last_success_at = utcnow()
    else:
        try:
            with db.session.begin_nested():  # two first sign-ins at once: one row, no error
                db.session.add(SignInAddress(user_id=user.id, address=address, last_success_at=utcnow()))
        except IntegrityError:
            pass
    db.session.commit()


def clear_pair(email: str, address: str) -> None:
    """Forget the failures of one account-and-address pair (after a later success there)."""
    keys = _keys(email, address)
    _storage().clear(keys["pair"])
    _storage().clear(keys["pause"])


def registration_lockout(address: str) -> Lockout | None:
    """Count one registration attempt from ``address``; a Lockout once it is over the limit.

    Every complete attempt counts, whether it creates an account or not: whether an account
    exists shows nowhere, so the limit is what keeps anyone from trying T.C. Kimlik Nos in bulk.
    """
    item = parse(current_app.config["REGISTER_LIMIT_PER_ADDRESS"])
    key = f"register-address:{address}"
    if limiter.limiter.hit(item, key):
        return None
    return Lockout(_minutes_until(limiter.limiter.get_window_stats(item, key).reset_time))
