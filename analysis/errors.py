"""What can go wrong with the user's input, as classes every step shares (and the command
line catches without importing the steps)."""

from __future__ import annotations

from dataclasses import dataclass


class InputError(Exception):
    """A file or option that cannot be used, with a message that says why and what to do."""


class InputWarning(UserWarning):
    """Something about a file was guessed or repaired: the run goes on, but say so."""


@dataclass(frozen=True)
class Skipped:
    """A file or article that was left out, and the message that says why."""

    where: str
    message: str
