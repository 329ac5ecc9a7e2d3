"""Dutch command lines: one ArgumentParser for ``python -m data`` and ``python -m report``.

argparse writes its own words ("usage:", "positional arguments", "show this help message and exit", "the
following arguments are required") through the module-level ``gettext`` alias ``argparse._``, looked up
each time a text is made. :class:`DutchArgumentParser` swaps in a Dutch table only while it builds, parses,
formats or reports an error, so nothing else in the process is touched. Texts not in the table stay as
argparse wrote them (a new Python version may add some: the test of the CLIs shows them).

Flags have one name across all commands (``--rol``); an older spelling may stay as a hidden alias
(:func:`alias_flag`): accepted, never shown in the help.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde (%(type)s): %(value)r",
    "expected one argument": "hier hoort één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected at most one argument": "hier hoort hooguit één waarde bij",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "not allowed with argument %s": "niet samen met argument %s",
    "ignored explicit argument %r": "waarde %r genegeerd",
    "unexpected option string: %s": "onverwachte optie: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r (kies uit: %(choices)s)"
    ),
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}
DUTCH_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("hier hoort %s waarde bij", "hier horen %s waarden bij"),
}
HIDDEN_ALIASES: set[str] = {"--role"}  # old spellings: accepted, not shown in the help
# What a value is called in the help, by the option's dest (argparse would write the dest in capitals)
METAVARS = {
    "db": "BESTAND",
    "file": "BESTAND",
    "out": "PDF",
    "sheet": "TABBLAD",
    "archive": "MAP",
    "directory": "MAP",
    "as_of": "LADING",
    "load_id": "LADING",
    "gebied": "CODE",
    "jaar": "JJJJ",
    "wie": "E-MAIL",
}


def dutch(message: str) -> str:
    return DUTCH.get(message, message)


def dutch_plural(singular: str, plural: str, n: int) -> str:
    one, many = DUTCH_PLURAL.get((singular, plural), (singular, plural))
    return one if n == 1 else many


@contextmanager
def _in_dutch() -> Iterator[None]:
    saved = argparse._, argparse.ngettext
    argparse._, argparse.ngettext = dutch, dutch_plural
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _dutch(method: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(self: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> Any:
        with _in_dutch():
            return method(self, *args, **kwargs)

    wrapped.__name__, wrapped.__doc__ = method.__name__, method.__doc__
    return wrapped


class DutchHelpFormatter(argparse.HelpFormatter):
    """Leaves hidden aliases out of the help ("--rol ROL", not "--rol ROL, --role ROL")."""

    def _format_action_invocation(self, action: argparse.Action) -> str:
        shown = [o for o in action.option_strings if o not in HIDDEN_ALIASES]
        if shown == action.option_strings:
            return super()._format_action_invocation(action)
        original = action.option_strings
        action.option_strings = shown
        try:
            return super()._format_action_invocation(action)
        finally:
            action.option_strings = original


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse in Dutch (module docstring); subcommands get the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DutchHelpFormatter)
        with _in_dutch():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """As argparse's, with the value named in Dutch (METAVARS) in help, usage and error messages."""
        action = super().add_argument(*args, **kwargs)
        if action.metavar is None and action.choices is None and action.dest in METAVARS and action.nargs != 0:
            action.metavar = METAVARS[action.dest]
        return action

    add_subparsers = _dutch(argparse.ArgumentParser.add_subparsers)
    parse_args = _dutch(argparse.ArgumentParser.parse_args)
    parse_known_args = _dutch(argparse.ArgumentParser.parse_known_args)
    format_usage = _dutch(argparse.ArgumentParser.format_usage)
    format_help = _dutch(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> NoReturn:
        for alias in HIDDEN_ALIASES:  # "argument --rol/--role: …" names the flag once
            message = message.replace(f"/{alias}", "")
        with _in_dutch():
            self.print_usage(sys.stderr)
            self.exit(2, dutch("%(prog)s: error: %(message)s\n") % {"prog": self.prog, "message": message})


def alias_flag(parser: argparse.ArgumentParser, name: str, alias: str) -> None:
    """Make ``name`` the flag of every option spelled ``alias`` in ``parser`` and its subcommands; ``alias``
    stays accepted but is hidden from the help (it must be in HIDDEN_ALIASES). The option keeps its dest."""
    if alias not in HIDDEN_ALIASES:
        raise ValueError(f"{alias!r} is not a hidden alias; add it to HIDDEN_ALIASES")
    for action in parser._actions:
        if alias in action.option_strings and name not in action.option_strings:
            action.option_strings = [name, *action.option_strings]
            parser._option_string_actions[name] = action
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                alias_flag(sub, name, alias)
