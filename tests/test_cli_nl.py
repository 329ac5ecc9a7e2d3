"""The command lines speak Dutch (data/cli_nl.py): help, usage and errors of every command of
``python -m data`` and ``python -m report``, and one name per flag (``--rol``, the old ``--role`` hidden)."""

from __future__ import annotations

import argparse

import pytest

from data.__main__ import main as data_main
from data.cli_nl import DutchArgumentParser, alias_flag
from report.__main__ import parse_args as report_args

ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message",
    "the following arguments are required",
    "invalid choice",
    "error:",
    "expected one argument",
    "unrecognized arguments",
)
DATA_COMMANDS = ("build", "check", "import", "loads", "undo", "replay", "audit", "export", "restore")


def _output(run, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        run(argv)
    captured = capsys.readouterr()
    return stopped.value.code, captured.out + captured.err


def _no_english(text: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"Engels in de uitvoer: {found}\n{text}"


@pytest.mark.parametrize("command", [[], *[[c] for c in DATA_COMMANDS]])
def test_data_help_is_dutch(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _output(data_main, [*command, "--help"], capsys)
    assert code == 0
    assert text.startswith("gebruik: python -m data") and "toon deze hulp en stop" in text
    _no_english(text)
    assert "--role" not in text  # one name per flag; the old spelling is not shown


def test_report_help_is_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["snapshot", "--help"]):
        code, text = _output(report_args, argv, capsys)
        assert code == 0 and text.startswith("gebruik: python -m report")
        _no_english(text)
    assert "--rol {" in text and "--role" not in text


@pytest.mark.parametrize(
    ("run", "argv", "expected"),
    [
        (data_main, [], "python -m data: fout: deze argumenten ontbreken: OPDRACHT"),
        (data_main, ["undo"], "fout: deze argumenten ontbreken: LADING"),
        (data_main, ["bouw"], "fout: argument OPDRACHT: ongeldige keuze: 'bouw'"),
        (data_main, ["import", "enquete", "x.csv", "--rol", "baas"], "fout: argument --rol: ongeldige keuze: 'baas'"),
        (data_main, ["undo", "een"], "ongeldige waarde (int): 'een'"),
        (data_main, ["loads", "--db"], "argument --db: hier hoort één waarde bij"),
        (data_main, ["loads", "extra"], "fout: onbekende argumenten: extra"),
        (report_args, ["snapshot", "--out", "x.pdf"], "fout: deze argumenten ontbreken: --gebied"),
    ],
)
def test_errors_are_dutch(run, argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _output(run, argv, capsys)
    assert code == 2
    assert expected in text, text
    assert text.startswith("gebruik: ")
    _no_english(text)


def test_rol_everywhere_and_role_still_accepted() -> None:
    assert report_args(["snapshot", "--gebied", "GM0826", "--out", "x.pdf", "--rol", "raad"]).rol == "raad"
    assert report_args(["snapshot", "--gebied", "GM0826", "--out", "x.pdf", "--role", "raad"]).rol == "raad"
    parser = DutchArgumentParser(prog="p")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("a").add_argument("--role", default="x")
    alias_flag(parser, "--rol", "--role")
    assert parser.parse_args(["a", "--rol", "y"]).role == "y"
    assert parser.parse_args(["a", "--role", "z"]).role == "z"
    with pytest.raises(ValueError, match="not a hidden alias"):
        alias_flag(parser, "--gebied", "--area")


def test_argparse_is_english_again_outside_the_parser() -> None:
    """The Dutch table is used only while a DutchArgumentParser works: plain argparse is left alone."""
    DutchArgumentParser(prog="p").format_help()
    assert "usage:" in argparse.ArgumentParser(prog="q").format_help()
