"""Failed sign-in attempts are counted per account and per address; too many locks both out."""

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
    waits = []
    for name, item in _limits():
        if not limiter.limiter.test(item, keys[name]):
            reset_at = limiter.limiter.get_window_stats(item, keys[name]).reset_time
            waits.append(max(1, math.ceil((reset_at - time.time()) / 60)))
    return Lockout(max(waits)) if waits else None


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
