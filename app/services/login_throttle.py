"""Failed sign-in attempts are counted per account and per address; too many locks both out.

Registration attempts are counted per address too, with the same limiter storage.
"""

import math
import time
from dataclasses import dataclass

from flask import current_app
from limits import parse

from app.extensions import limiter


@dataclass(frozen=True)
class Lockout:
    minutes: int


def _limits():
    cfg = current_app.config
    return (
        ("account", parse(cfg["LOGIN_LIMIT_PER_ACCOUNT"])),
        ("address", parse(cfg["LOGIN_LIMIT_PER_ADDRESS"])),
    )


def _keys(email: str, address: str) -> dict[str, str]:
    return {"account": f"login-account:{email}", "address": f"login-address:{address}"}


def check_lockout(email: str, address: str) -> Lockout | None:
    """A Lockout with the minutes to wait when either the account or the address is locked."""
    keys = _keys(email, address)
    waits = [_minutes_left(item, keys[name]) for name, item in _limits() if not limiter.limiter.test(item, keys[name])]
    return Lockout(max(waits)) if waits else None


def _minutes_left(item, key: str) -> int:
    reset_at = limiter.limiter.get_window_stats(item, key).reset_time
    return max(1, math.ceil((reset_at - time.time()) / 60))


def record_failure(email: str, address: str) -> None:
    keys = _keys(email, address)
    for name, item in _limits():
        limiter.limiter.hit(item, keys[name])


def clear_account(email: str, address: str) -> None:
    """A successful sign-in forgets the account's failures (the address keeps its count)."""
    keys = _keys(email, address)
    for name, item in _limits():
        if name == "account":
            limiter.limiter.clear(item, keys[name])


def registration_lockout(address: str) -> Lockout | None:
    """Count one registration attempt from ``address``; a Lockout once it is over the limit.

    Every complete attempt counts, whether it creates an account or not: whether an account
    exists shows nowhere, so the limit is what keeps anyone from trying T.C. Kimlik Nos in bulk.
    """
    item = parse(current_app.config["REGISTER_LIMIT_PER_ADDRESS"])
    key = f"register-address:{address}"
    if limiter.limiter.hit(item, key):
        return None
    return Lockout(_minutes_left(item, key))
