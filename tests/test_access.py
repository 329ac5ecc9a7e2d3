"""Roles and access (issue 8): every role × every page, the menu per role, the rules as data, OIDC sign-in.

The expected matrix is written out here on purpose, apart from ``ui/navigation.PAGES``: a new page, or a
changed rule, fails these tests until someone decides who may use it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data import access
from data.access import ROLES, AccessError, User, parse_config
from tests.helpers import copy_store, open_page
from ui.navigation import PAGES, ROOT, PageSpec
from ui.views import wijkprofiel

# M management · O opgaveleider · W wijkmakelaar · R raad · B beheerder
LETTERS = dict(zip("MOWRB", ROLES, strict=True))
EXPECTED = {
    "pages/overzicht.py": "MOWRB",
    "pages/kaart.py": "MOWRB",
    "pages/wijkprofiel.py": "MOWRB",
    "pages/vergelijken.py": "MOWRB",
    "pages/initiatieven.py": "MOWRB",
    "pages/sociaal_domein.py": "MORB",
    "pages/over_de_cijfers.py": "MOWRB",
    "pages/ambities.py": "MOWRB",
    "pages/agenda.py": "MOWB",
    "pages/logboek.py": "MOWB",
    "pages/raadssnapshot.py": "MORB",
    "pages/gegevensbeheer.py": "B",
}
REFUSAL = "Deze pagina is niet beschikbaar voor de rol"
DORST = "WK082613"


def allowed(path: str, role: str) -> bool:
    return role in {LETTERS[letter] for letter in EXPECTED[path]}


def refused(at: AppTest) -> bool:
    return any(REFUSAL in info.value for info in at.info)


# -- the rules are complete --------------------------------------------------------------------------------


def test_every_page_file_is_in_the_navigation_with_an_access_rule() -> None:
    files = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    assert files == {spec.path for spec in PAGES}, "a page file without a PageSpec (and so without access rule)"
    assert set(EXPECTED) == {spec.path for spec in PAGES}, "a page without an expected row in this matrix"


def test_the_navigation_matches_the_expected_matrix() -> None:
    for spec in PAGES:
        assert spec.roles == {LETTERS[letter] for letter in EXPECTED[spec.path]}, spec.path


def test_a_page_cannot_be_declared_without_roles() -> None:
    with pytest.raises(TypeError):
        PageSpec("Verkennen", "pages/nieuw.py", "Nieuw")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="non-empty subset"):
        PageSpec("Verkennen", "pages/nieuw.py", "Nieuw", frozenset())
    with pytest.raises(ValueError, match="non-empty subset"):
        PageSpec("Verkennen", "pages/nieuw.py", "Nieuw", frozenset({"iedereen"}))


def test_every_page_starts_with_the_shared_setup() -> None:
    """The check lives in ui.layout.page_setup: a page that does not call it first would have none."""
    for spec in PAGES:
        source = (ROOT / spec.path).read_text(encoding="utf-8")
        body = [line for line in source.splitlines() if line and not line.startswith(("import", "from", '"""', "#"))]
        first_call = next(line for line in body if "(" in line and not line.startswith(" "))
        assert "layout.page_setup(" in first_call and f'"{spec.title}"' in first_call, spec.path


@pytest.mark.usefixtures("built_db")
def test_a_page_outside_the_navigation_is_refused_to_everyone() -> None:
    script = (
        'from ui import layout\nlayout.page_setup("Geheime pagina")\nimport streamlit as st\nst.table({"x": [1]})\n'
    )
    at = AppTest.from_string(script, default_timeout=30)
    at.session_state["role"] = "beheerder"
    at.run()
    assert not at.exception
    assert any("heeft geen toegangsregel" in e.value for e in at.error)
    assert not at.table


# -- role × page ----------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("spec", PAGES, ids=[spec.path for spec in PAGES])
def test_role_page_matrix(spec: PageSpec, role: str) -> None:
    at = open_page(spec.path, role, scope=[DORST])
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == spec.title
    menu = {link.proto.label for link in at.sidebar.get("page_link")}
    assert menu == {p.title for p in PAGES if allowed(p.path, role)}
    if allowed(spec.path, role):
        assert not refused(at)
    else:
        assert refused(at), f"{role} should be refused {spec.path}"
        # never the data: no table, chart, figure or download, only the refusal and links onward
        assert not at.table and not at.dataframe and not at.metric
        assert not at.get("plotly_chart") and not at.get("download_button")
        assert "Overzicht" in {link.proto.label for link in at.main.get("page_link")}


# -- what a role may do on a page it may open ----------------------------------------------------------------


@pytest.mark.usefixtures("built_db")
def test_the_raad_sees_no_register_rows_or_notes() -> None:
    page = open_page("pages/initiatieven.py", "raad")
    assert not any(h.value in ("Mooie voorbeelden", "Het register") for h in page.subheader)
    assert any("Als gemeenteraad ziet u totalen" in c.value for c in page.caption)
    assert [t.label for t in page.tabs] == ["Initiatieven", "Subsidie en budget", "Vrijwilligers en draagkracht"]
    refused = open_page("pages/initiatieven.py", "raad", onderdeel="Register")  # a staff link, opened by the raad
    assert "Het register" not in {h.value for h in refused.subheader} and not refused.dataframe
    for tab, heading in (("Mooie voorbeelden", "Mooie voorbeelden"), ("Register", "Het register")):
        staff = open_page("pages/initiatieven.py", "management", onderdeel=tab)
        assert heading in {h.value for h in staff.subheader}

    profile = open_page("pages/wijkprofiel.py", "raad", wijk=DORST, onderdeel=wijkprofiel.INITIATIEVEN)
    assert not profile.dataframe, "the raad gets no list of initiatives"
    assert any("Afzonderlijke initiatieven worden aan de gemeenteraad niet getoond" in c.value for c in profile.caption)

    ambitions = open_page("pages/ambities.py", "raad")
    assert not any("Logboek bij deze grafiek" in m.value for m in ambitions.markdown)


@pytest.mark.usefixtures("built_db")
def test_a_linked_good_example_is_not_shown_to_the_raad() -> None:
    from ui import store

    initiatives = store.table("initiative")
    good = initiatives[initiatives.is_good_example].iloc[0]
    staff = open_page("pages/initiatieven.py", "management", voorbeeld=good.initiative_id)
    assert good.title in " ".join(m.value for m in staff.markdown)
    raad = open_page("pages/initiatieven.py", "raad", voorbeeld=good.initiative_id)
    assert any("niet getoond" in i.value for i in raad.info)
    assert good.title not in " ".join(m.value for m in raad.markdown)


@pytest.mark.usefixtures("built_db")
@pytest.mark.parametrize(
    ("role", "wijken", "form_shown"),
    [("opgaveleider", None, True), ("wijkmakelaar", [DORST], True), ("wijkmakelaar", ["WK082602"], False),
     ("management", None, False), ("beheerder", None, False)],
)  # fmt: skip
def test_writing_forms_only_for_the_roles_and_wijken_that_own_them(
    role: str, wijken: list[str] | None, form_shown: bool
) -> None:
    for path, button in (("pages/logboek.py", "Notitie opslaan"), ("pages/agenda.py", "Actie opslaan")):
        at = open_page(path, role, scope=wijken, wijk=DORST)
        assert not at.exception
        buttons = {b.proto.label for b in at.get("form_submit_button")}
        assert (button in buttons) is form_shown, (path, role, wijken, buttons)
        if not form_shown:
            assert any("kan hier niets wijzigen" in i.value or "eigen wijken" in i.value for i in at.info)


@pytest.mark.usefixtures("built_db")
def test_a_wijkmakelaar_note_is_written_with_role_and_scope_in_the_audit_trail(store) -> None:
    at = open_page("pages/logboek.py", "wijkmakelaar", scope=[DORST], wijk=DORST)
    text = next(t for t in at.text_area if t.label == "Notitie")
    text.input("Buurtkamer Dorst weer open na de zomer.")
    next(b for b in at.get("form_submit_button") if b.proto.label == "Notitie opslaan").click().run()
    assert not at.exception
    assert any("Notitie opgeslagen" in s.value for s in at.success)
    event = store.audit_log().iloc[0]
    assert (event.action, event.role, event.account, event.scope) == ("bewerking", "wijkmakelaar", "demo", DORST)


@pytest.mark.usefixtures("built_db")
def test_the_beheerder_sees_the_audit_trail() -> None:
    at = open_page("pages/gegevensbeheer.py", "beheerder")
    assert "Auditlogboek" in {h.value for h in at.subheader}
    audit = at.dataframe[-1].value
    assert {"wanneer", "actie", "rol", "account (pseudoniem)"} <= set(audit.columns)
    assert "systeem" in set(audit["account (pseudoniem)"])


# -- the configuration and OIDC --------------------------------------------------------------------------------


def _oidc_config(tmp_path: Path) -> Path:
    path = tmp_path / "access.yaml"
    path.write_text(
        "mode: oidc\n"
        "oidc:\n"
        "  roles:\n"
        "    - {role: beheerder, emails: [beheer@oosterhout.nl]}\n"
        "    - {role: wijkmakelaar, groups: [wm-dorst], wijken: [WK082613]}\n"
        "    - {role: raad, domains: [raad.oosterhout.nl]}\n",
        encoding="utf-8",
    )
    return path


SECRETS = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "geheim-cookie-0123456789",
        "client_id": "wijkmonitor",
        "client_secret": "zeer-geheim-client-secret-42",
        "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
    }
}


def test_claims_map_to_roles_first_match_wins(tmp_path: Path) -> None:
    cfg = access.load_config(_oidc_config(tmp_path))
    beheer = cfg.user_for({"email": "Beheer@Oosterhout.nl", "name": "B. Heer"}, "k")
    assert (beheer.role, beheer.display_name) == ("beheerder", "B. Heer")
    assert beheer.account == access.account_id("beheer@oosterhout.nl", "k")
    assert beheer.account != access.account_id("beheer@oosterhout.nl", "j")  # the key matters
    assert "beheer" not in beheer.account and beheer.account.startswith("account-")
    maker = cfg.user_for({"email": "x@oosterhout.nl", "groups": ["wm-dorst"]}, "k")
    assert (maker.role, maker.wijken) == ("wijkmakelaar", (DORST,))
    assert cfg.user_for({"email": "lid@raad.oosterhout.nl"}, "k").role == "raad"
    assert cfg.user_for({"email": "iemand@example.org"}, "k") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("mode: open\n", "mode: 'open' is onbekend"),
        ("mode: oidc\n", "minstens één regel nodig"),
        ("oidc: {roles: [{role: koning, emails: [a@b.nl]}]}\n", "role: 'koning' is onbekend"),
        ("oidc: {roles: [{role: wijkmakelaar, emails: [a@b.nl]}]}\n", "minstens één wijk"),
        ("oidc: {roles: [{role: raad, emails: [a@b.nl], wijken: [WK082613]}]}\n", "alleen een wijkmakelaar"),
        ("oidc: {roles: [{role: raad}]}\n", "past de regel op niemand"),
        ("oidc: {roles: [{role: wijkmakelaar, groups: [g], wijken: [Dorst]}]}\n", "Dorst is geen wijkcode"),
        ("oidc: {roles: [{role: raad, mails: [a@b.nl], groups: [g]}]}\n", "onbekende velden mails"),
    ],
)
def test_an_invalid_configuration_is_refused_with_file_and_entry(tmp_path: Path, text: str, words: str) -> None:
    import yaml

    with pytest.raises(AccessError, match=words) as error:
        parse_config(yaml.safe_load(text), "access.yaml")
    assert "access.yaml" in str(error.value)


def test_a_named_but_missing_configuration_fails_closed(tmp_path: Path) -> None:
    with pytest.raises(AccessError, match="bestaat niet"):
        access.load_config(tmp_path / "weg.yaml")


@pytest.fixture
def oidc_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = _oidc_config(tmp_path)
    monkeypatch.setenv("WIJKMONITOR_ACCESS", str(path))
    return path


def _oidc_app(path: str, user: dict[str, object] | None, secrets: dict | None = SECRETS) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if secrets:
        for key, value in secrets.items():
            at.secrets[key] = value
    at.user = user if user is not None else {"is_logged_in": False}
    at.session_state["role"] = "beheerder"  # a demo-mode choice must mean nothing in OIDC mode
    return at.switch_page(path).run()


def _everything(at: AppTest) -> str:
    kinds = ("markdown", "caption", "info", "warning", "error", "success", "title")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    parts += [e.value for kind in ("markdown", "caption", "warning") for e in getattr(at.sidebar, kind)]
    return " ".join(str(p) for p in parts)


@pytest.mark.usefixtures("built_db", "oidc_mode")
def test_oidc_signed_out_sees_only_the_sign_in_screen(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import auth

    calls: list[object] = []
    monkeypatch.setattr(auth, "login", lambda provider: calls.append(provider))
    at = _oidc_app("pages/gegevensbeheer.py", None)
    assert not at.exception
    assert [b.proto.label for b in at.button] == ["Inloggen"]
    assert not at.table and not at.dataframe and not at.get("plotly_chart") and not at.sidebar.get("page_link")
    at.button[0].click().run()
    assert calls == [None]  # the default [auth] provider


@pytest.mark.usefixtures("built_db", "oidc_mode")
def test_oidc_roles_come_from_the_claims_not_from_the_session() -> None:
    raad = {"is_logged_in": True, "email": "lid@raad.oosterhout.nl", "name": "Raadslid"}
    at = _oidc_app("pages/gegevensbeheer.py", raad)
    assert not at.exception
    assert refused(at)
    assert "Ingelogd als Raadslid · Gemeenteraad" in " ".join(c.value for c in at.sidebar.caption)
    assert not any("Demomodus" in w.value for w in at.sidebar.warning)
    beheer = _oidc_app("pages/gegevensbeheer.py", {"is_logged_in": True, "email": "beheer@oosterhout.nl"})
    assert not refused(beheer) and "Auditlogboek" in {h.value for h in beheer.subheader}


@pytest.mark.usefixtures("built_db", "oidc_mode")
def test_oidc_account_without_a_role_gets_no_data() -> None:
    at = _oidc_app("pages/overzicht.py", {"is_logged_in": True, "email": "iemand@example.org"})
    assert not at.exception
    assert at.title[0].value == "Geen toegang"
    assert not at.table and not at.metric and not at.sidebar.get("page_link")
    assert [b.proto.label for b in at.button] == ["Uitloggen"]


@pytest.mark.usefixtures("built_db", "oidc_mode")
def test_oidc_without_secrets_names_what_is_missing_and_never_shows_secret_values() -> None:
    incomplete = {"auth": {k: v for k, v in SECRETS["auth"].items() if k != "client_id"}}
    at = _oidc_app("pages/overzicht.py", {"is_logged_in": True, "email": "beheer@oosterhout.nl"}, incomplete)
    assert not at.exception
    message = " ".join(e.value for e in at.error)
    assert "[auth] client_id" in message
    for secret in ("geheim-cookie-0123456789", "zeer-geheim-client-secret-42"):
        assert secret not in _everything(at)


@pytest.mark.usefixtures("built_db", "oidc_mode")
def test_oidc_pages_never_show_secrets() -> None:
    beheer = {"is_logged_in": True, "email": "beheer@oosterhout.nl", "name": "Beheer"}
    for spec in PAGES:
        at = _oidc_app(spec.path, beheer)
        assert not at.exception, spec.path
        text = _everything(at)
        for secret in ("geheim-cookie-0123456789", "zeer-geheim-client-secret-42"):
            assert secret not in text, spec.path


def test_user_rules_for_writes() -> None:
    maker = User("wijkmakelaar", wijken=(DORST,))
    assert maker.may("notitie", DORST) and not maker.may("notitie", "WK082602") and not maker.may("notitie")
    assert not maker.may("lading") and not maker.may("snapshot")
    assert User("raad").may("snapshot") and not User("raad").may("registerrijen")
    assert User("beheerder").may("lading") and User("beheerder").may("ongedaan") and User("beheerder").may("auditlog")
    assert not User("opgaveleider").may("lading") and User("opgaveleider").may("agenda", "GM0826")
    with pytest.raises(access.NotAllowed, match="Onbekende rol"):
        User("wethouder")


def test_the_audit_command_finds_one_account_by_its_pseudonym(
    built_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import date

    from data import cli_loads, edits
    from data.__main__ import main
    from data.store import Store

    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[auth]\ncookie_secret = "sleutel-123"\n', encoding="utf-8")
    monkeypatch.setattr(cli_loads, "SECRETS_FILE", secrets)
    db = copy_store(built_template, tmp_path / "w.duckdb")
    store = Store.open(db)
    leider = User("opgaveleider", account=access.account_id("Leider@Oosterhout.nl", "sleutel-123"))
    edits.add_note(store, edits.Note(DORST, date(2026, 11, 2), "Buurtkamer open.", None), leider)
    edits.add_note(store, edits.Note(DORST, date(2026, 11, 3), "Andere notitie.", None), User("opgaveleider"))
    store.close()
    assert main(["audit", "--db", str(db), "--wie", "leider@oosterhout.nl"]) == 0
    out = capsys.readouterr().out
    assert f"Account {leider.account}: 1 gebeurtenis." in out
    assert "bewerking" in out and "sleutel-123" not in out and "leider@" not in out.lower()
    secrets.write_text("[auth]\n", encoding="utf-8")
    assert main(["audit", "--db", str(db), "--wie", "leider@oosterhout.nl"]) == 1
    assert "Zonder [auth] cookie_secret" in capsys.readouterr().err


@pytest.mark.usefixtures("built_db")
def test_a_wijkmakelaar_starts_in_their_own_wijk() -> None:
    at = open_page("pages/logboek.py", "wijkmakelaar", scope=[DORST])
    assert at.query_params["wijk"] == DORST
    assert "Notitie opslaan" in {b.proto.label for b in at.get("form_submit_button")}


@pytest.mark.usefixtures("built_db")
def test_a_wijkmakelaar_without_wijken_is_told_why_there_is_no_form() -> None:
    at = open_page("pages/agenda.py", "wijkmakelaar", scope=[], wijk=DORST)
    assert not at.get("form_submit_button")
    assert any("geen wijken aan u toegewezen" in i.value for i in at.info)
