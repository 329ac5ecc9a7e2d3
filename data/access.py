"""Who may do what: the roles, the rules per action, the access configuration and the claims → role mapping.

Pure (no Streamlit): the pages' access rules are in ``ui/navigation.PAGES`` (one ``roles`` field per page),
the rules for writes and register-level rows are here, and ``ui/access.py`` applies both. Writes are
checked again where they happen (``data/edits.py``, ``data/loading.py``, ``report/snapshot.py``), so a
form that forgot to hide itself still cannot write.

The configuration (``config/access.yaml``, or the file in ``WIJKMONITOR_ACCESS``) sets the mode:

- ``demo``: open demo mode, the default on a fresh install. Anyone picks a role in the sidebar.
- ``oidc``: sign-in through ``st.login`` (provider in ``.streamlit/secrets.toml``); the role follows from
  the e-mail address or group claims by the first matching rule in the configuration.

No person is stored: the audit trail records a pseudonym (:func:`account_id`, a keyed hash of the e-mail
address), the role and, for a wijkmakelaar, the wijken.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROLES = ("management", "opgaveleider", "wijkmakelaar", "raad", "beheerder")
ROLE_LABELS = {
    "management": "Management",
    "opgaveleider": "Opgaveleider",
    "wijkmakelaar": "Wijkmakelaar",
    "raad": "Gemeenteraad",
    "beheerder": "Beheerder",
}
ALL_ROLES = frozenset(ROLES)
STAFF = ALL_ROLES - {"raad"}  # everyone in the organisation, not the raad

# What each role may do beyond reading the pages it may open. A wijkmakelaar's writes are limited to the
# wijken in their scope (SCOPED).
ACTIONS: dict[str, frozenset[str]] = {
    "notitie": frozenset({"opgaveleider", "wijkmakelaar"}),  # logboek: write and correct notes
    "agenda": frozenset({"opgaveleider", "wijkmakelaar"}),  # agenda van de wijk: add and update items
    "lading": frozenset({"beheerder"}),  # load files
    "ongedaan": frozenset({"beheerder"}),  # undo a load
    "snapshot": frozenset({"management", "opgaveleider", "raad", "beheerder"}),  # make a raadssnapshot
    "auditlog": frozenset({"beheerder"}),  # read the audit trail
    "registerrijen": STAFF,  # individual register rows: initiatives, notes, agenda items
}
SCOPED = frozenset({"notitie", "agenda"})
ACTION_TEXT = {
    "notitie": "notities schrijven",
    "agenda": "de agenda van de wijk bijwerken",
    "lading": "gegevens laden",
    "ongedaan": "ladingen ongedaan maken",
    "snapshot": "raadssnapshots maken",
    "auditlog": "het auditlogboek inzien",
    "registerrijen": "afzonderlijke initiatieven, notities en agendapunten zien",
}
MODES = ("demo", "oidc")
DEFAULT_CONFIG = Path(__file__).resolve().parents[1] / "config" / "access.yaml"
CLI_ACCOUNT = "opdrachtregel"  # loads, undo and snapshots made on the server's command line
DEMO_ACCOUNT = "demo"
_WIJK_CODE = re.compile(r"WK\d{4}[0-9A-Z]{2}")  # Amsterdam: WK0363AF


class AccessError(ValueError):
    """The access configuration is invalid (Dutch message naming file and entry)."""


class NotAllowed(PermissionError):
    """A write or view this user's role does not allow (Dutch message)."""


@dataclass(frozen=True)
class User:
    """The person using the app, as far as the app needs to know: a role, and a pseudonym for the audit."""

    role: str
    wijken: tuple[str, ...] = ()  # a wijkmakelaar's own wijken (codes)
    account: str = DEMO_ACCOUNT  # pseudonym; never a name or an e-mail address
    display_name: str = ""  # shown in the sidebar, never stored

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise NotAllowed(f"Onbekende rol '{self.role}'. Bekende rollen: {', '.join(ROLES)}.")

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]

    def may(self, action: str, area_code: str | None = None) -> bool:
        """Whether this user may do ``action`` (a key of ACTIONS), for ``area_code`` where it is scoped."""
        if self.role not in ACTIONS[action]:
            return False
        if self.role == "wijkmakelaar" and action in SCOPED:
            return area_code is not None and area_code in self.wijken
        return True

    def require(self, action: str, area_code: str | None = None, area_name: str | None = None) -> None:
        """Raise :class:`NotAllowed` with a Dutch reason when :meth:`may` says no."""
        if self.may(action, area_code):
            return
        if self.role in ACTIONS[action]:  # the role may, but not for this area
            where = area_name or area_code or "de gemeente als geheel"
            raise NotAllowed(f"Als wijkmakelaar mag u {ACTION_TEXT[action]} voor uw eigen wijken, niet voor {where}.")
        raise NotAllowed(f"De rol {self.label.lower()} mag geen {ACTION_TEXT[action]}.")

    @property
    def scope_text(self) -> str:
        return ", ".join(self.wijken)


def cli_user(role: str) -> User:
    """The user behind a command on the server (data/cli_loads.py, report/__main__.py)."""
    return User(role=role, account=CLI_ACCOUNT)


def account_id(email: str, key: str) -> str:
    """A pseudonym for an account: the same person always gets the same one, and it cannot be read back
    to the e-mail address without the key (the cookie secret in secrets.toml)."""
    digest = hmac.new(key.encode("utf-8"), email.strip().lower().encode("utf-8"), hashlib.sha256).hexdigest()
    return f"account-{digest[:12]}"


# -- configuration ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleRule:
    role: str
    emails: frozenset[str] = frozenset()  # lower case
    domains: frozenset[str] = frozenset()  # e-mail domains, lower case, without '@'
    groups: frozenset[str] = frozenset()
    wijken: tuple[str, ...] = ()

    def matches(self, email: str, groups: Collection[str]) -> bool:
        email = email.strip().lower()
        domain = email.rpartition("@")[2] if "@" in email else ""
        return email in self.emails or domain in self.domains or bool(self.groups & set(groups))


@dataclass(frozen=True)
class AccessConfig:
    mode: str = "demo"
    provider: str | None = None  # the [auth.<provider>] section of secrets.toml; None: the [auth] section
    group_claim: str = "groups"
    rules: tuple[RoleRule, ...] = field(default_factory=tuple)
    source: str = "standaard"

    def user_for(self, claims: Mapping[str, object], key: str) -> User | None:
        """The user for a signed-in account's claims (first matching rule), or None: no role."""
        email = str(claims.get("email") or "")
        groups = claims.get(self.group_claim) or []
        groups = [groups] if isinstance(groups, str) else [str(g) for g in groups]  # type: ignore[union-attr]
        if not email and not groups:
            return None
        for rule in self.rules:
            if rule.matches(email, groups):
                name = str(claims.get("name") or email)
                account = account_id(email or str(claims.get("sub") or ""), key)
                return User(role=rule.role, wijken=rule.wijken, account=account, display_name=name)
        return None


def config_path() -> Path:
    return Path(os.environ.get("WIJKMONITOR_ACCESS") or DEFAULT_CONFIG)


def load_config(path: Path | str | None = None) -> AccessConfig:
    """Read and check the access configuration. A missing default file means open demo mode; a file that
    is named but missing, or is invalid, raises :class:`AccessError` (fail closed, never fall back)."""
    path = Path(path) if path else config_path()
    if not path.exists():
        if path == DEFAULT_CONFIG:
            return AccessConfig()
        raise AccessError(f"{path}: het toegangsbestand bestaat niet.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise AccessError(f"{path.name}: geen geldige YAML ({type(exc).__name__}).") from exc
    return parse_config(raw, path.name)


def parse_config(raw: object, name: str = "access.yaml") -> AccessConfig:
    """Check a parsed configuration; every problem names the file and the entry."""
    if not isinstance(raw, dict):
        raise AccessError(f"{name}: verwacht een lijst van instellingen (mode, oidc).")
    problems: list[str] = []
    mode = raw.get("mode", "demo")
    if mode not in MODES:
        problems.append(f"{name}, mode: '{mode}' is onbekend; kies uit {', '.join(MODES)}.")
    oidc = raw.get("oidc") or {}
    if not isinstance(oidc, dict):
        raise AccessError(f"{name}, oidc: verwacht instellingen (provider, group_claim, roles).")
    provider = oidc.get("provider")
    if provider is not None and (not isinstance(provider, str) or not re.fullmatch(r"[A-Za-z0-9_-]+", provider)):
        problems.append(f"{name}, oidc.provider: gebruik de naam van een [auth.<naam>]-sectie uit secrets.toml.")
    group_claim = oidc.get("group_claim", "groups")
    if not isinstance(group_claim, str) or not group_claim:
        problems.append(f"{name}, oidc.group_claim: vul de naam van de groepenclaim in (bijvoorbeeld groups).")
    rules = []
    for number, entry in enumerate(oidc.get("roles") or [], start=1):
        where = f"{name}, oidc.roles regel {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: verwacht role met emails, domains en/of groups.")
            continue
        unknown = set(entry) - {"role", "emails", "domains", "groups", "wijken"}
        if unknown:
            problems.append(f"{where}: onbekende velden {', '.join(sorted(map(str, unknown)))}.")
        role = entry.get("role")
        if role not in ROLES:
            problems.append(f"{where}, role: '{role}' is onbekend; kies uit {', '.join(ROLES)}.")
        lists = {}
        for key in ("emails", "domains", "groups", "wijken"):
            value = entry.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"{where}, {key}: verwacht een lijst van teksten.")
                value = []
            lists[key] = [v.strip() for v in value]
        if not (lists["emails"] or lists["domains"] or lists["groups"]):
            problems.append(f"{where}: geef emails, domains of groups op; anders past de regel op niemand.")
        bad = [w for w in lists["wijken"] if not _WIJK_CODE.fullmatch(w)]
        if bad:
            problems.append(f"{where}, wijken: {', '.join(bad)} is geen wijkcode (zoals WK082613).")
        if role == "wijkmakelaar" and not lists["wijken"]:
            problems.append(f"{where}: een wijkmakelaar heeft minstens één wijk (wijken: [WK0826..]).")
        if role != "wijkmakelaar" and lists["wijken"]:
            problems.append(f"{where}: alleen een wijkmakelaar heeft eigen wijken.")
        if role in ROLES:
            rules.append(
                RoleRule(
                    role=role,
                    emails=frozenset(e.lower() for e in lists["emails"]),
                    domains=frozenset(d.lower().lstrip("@") for d in lists["domains"]),
                    groups=frozenset(lists["groups"]),
                    wijken=tuple(lists["wijken"]),
                )
            )
    if mode == "oidc" and not rules:
        problems.append(f"{name}, oidc.roles: in de oidc-modus is minstens één regel nodig.")
    if problems:
        raise AccessError(" ".join(problems))
    return AccessConfig(mode=mode, provider=provider, group_claim=group_claim, rules=tuple(rules), source=name)
