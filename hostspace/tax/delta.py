"""Reader of the DGFiP's DELTA deliberation file: the national XML of tourist-tax deliberations.

DELTA replaced OCSIT@N in 2024: collectivities notify their deliberation in
it by 15 September of the year before (R2333-43), and the DGFiP publishes the
result, among others as one national XML file aimed at booking platforms.
Agents import it here to enter next year's tariffs; :func:`parse` turns it
into frozen dataclasses and refuses the whole file at the first doubt, with
every problem listed, so that the import can show a preview and be
all-or-nothing. Nothing here touches the database.

What the reader expects, and how sure we are of it. The official XSD and
notice were not available to us; the shape below comes from the public
description of the file and from third-party importers, and everything marked
*inferred* must be checked against the DGFiP's notice before relying on it:

- root ``<delta>`` with a ``version`` and a ``date`` (attribute or child
  element), holding ``<deliberation>`` elements, directly or inside
  ``<deliberations>``; a root ``<deliberations>`` (the OCSIT@N-era file) is
  read too. XML namespaces, if any, are ignored;
- per deliberation: ``date`` (the vote, DD/MM/YYYY);
  ``saisie/collectiviteDeliberante`` with a ``siren`` attribute, ``nom``,
  ``codeInsee`` and ``departement/numero``; ``collectivites/collectivite``
  with ``nom``, ``codeInsee`` (and maybe ``siren``), the communes covered;
- ``regimes/regime[@natureId]`` whose text is « Réel » or « Forfaitaire ». The
  meaning of each ``natureId`` is *not known*: ids are kept as they are, and
  :attr:`Deliberation.single_regime` serves the common case of one regime for
  every nature;
- ``periodes/periode`` with ``dateDebut`` and ``dateFin`` (« 01 janvier »,
  without a year, in the files seen; DD/MM/YYYY and ISO dates are read too)
  and ``tarifs/tarif[@categorieId, @isMax]`` whose text is the tariff. The
  numbering of ``categorieId`` is *inferred* (:data:`DELTA_CATEGORY_IDS`):
  2 to 6 (5 stars to 1 star) and 9 (the unclassified rate, in percent) are
  what a third-party importer reads; 1, 7 and 8 follow the order of the
  L2333-30 table. The meaning of ``isMax`` is *inferred* too (the
  collectivity adopted the national ceiling for that category); it is kept,
  not used;
- ``abattements/abattement`` with ``taux``, ``nuiteMin`` and ``nuiteMax``: the
  forfait abatement by number of nights open (a bare ``abattements`` with
  those children is read as one abatement);
- four flags for the additional taxes: ``taxeAdditionnelleDepartementale``
  (10 %, L3333-1), ``taxeAdditionnelleRegionale`` (read as the Île-de-France
  15 %, L2531-17), ``taxeAdditionnelleArticleL2531-18`` (200 %) and
  ``taxeAdditionnelleLGV`` (read as the regional 34 % of L4332-4, which funds
  a high-speed line); which flag is which tax is *inferred* from their names;
- ``loyerMaximumNuit``: the name is attested in an OCSIT@N-era file; reading
  it as the low-rent exemption threshold (L2333-31) is *inferred*.

The year of dates written without one comes from the ``year`` argument, or
else from the year of the file's ``date`` (*inferred*: the file of year N
seems to be dated in year N).

Security: the standard library parser is used, so any DTD or entity
declaration is refused before parsing (no entity expansion, no external
entity); files are decoded to text first so that the check sees every byte.
"""

import datetime
import io
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from django.utils.translation import gettext

from hostspace.tax import engine

MAX_BYTES = 64 * 1024 * 1024

# DELTA ``categorieId`` → category code of the engine. Inferred: see the module docstring.
DELTA_CATEGORY_IDS = MappingProxyType(
    {
        "1": engine.PALACE,
        "2": engine.FIVE_STARS,
        "3": engine.FOUR_STARS,
        "4": engine.THREE_STARS,
        "5": engine.TWO_STARS,
        "6": engine.ONE_STAR,
        "7": engine.CAMPING_3_5_STARS,
        "8": engine.CAMPING_1_2_STARS,
        "9": engine.UNCLASSIFIED,
    }
)

# Flag element → additional tax of the engine. Inferred from the names: see the module docstring.
SURCHARGE_FLAGS = (
    ("taxeAdditionnelleDepartementale", engine.DEPARTMENTAL),
    ("taxeAdditionnelleRegionale", engine.IDF),
    ("taxeAdditionnelleArticleL2531-18", engine.IDF_MOBILITY),
    ("taxeAdditionnelleLGV", engine.REGIONAL),
)

_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SLASH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_WORD_DATE = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)(?:\s+(\d{4}))?$")
_SIREN = re.compile(r"^\d{9}$")
_INSEE = re.compile(r"^(\d{2}|2A|2B)\d{3}$")
_FORBIDDEN = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_TRUE = {"true", "1", "oui"}
_FALSE = {"false", "0", "non"}


class DeltaError(ValueError):
    """The file is refused; ``messages`` lists every problem found, in French, naming the line and element."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


@dataclass(frozen=True)
class Collectivity:
    """A collectivity as the file names it: the deliberating one, or a commune it covers."""

    name: str
    siren: str | None
    insee_code: str | None
    department: str | None = None


@dataclass(frozen=True)
class Period:
    """A collection period and its tariffs.

    ``tariffs`` maps classified category codes to euros per person per night;
    ``unclassified_rate`` is the percent for unclassified lodgings, or None;
    ``at_ceiling`` holds the categories flagged ``isMax`` (meaning inferred).
    """

    start: datetime.date
    end: datetime.date
    tariffs: Mapping[str, Decimal]
    unclassified_rate: Decimal | None
    at_ceiling: frozenset[str]

    def covers(self, day):
        """Whether ``day`` falls within the period, both ends included."""
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Abatement:
    """A forfait abatement (percent) for lodgings open between ``nights_min`` and ``nights_max`` nights."""

    rate: Decimal
    nights_min: int
    nights_max: int | None


@dataclass(frozen=True)
class Deliberation:
    """One collectivity's deliberation, as the file gives it.

    ``regimes`` maps the file's ``natureId`` to :data:`engine.REEL` or
    :data:`engine.FORFAIT`; ``surcharges`` holds the codes of the additional
    taxes flagged in force; ``line`` is where the element starts in the file.
    """

    collectivity: Collectivity
    members: tuple[Collectivity, ...]
    date: datetime.date | None
    regimes: Mapping[str, str]
    periods: tuple[Period, ...]
    abatements: tuple[Abatement, ...]
    surcharges: frozenset[str]
    low_rent_threshold: Decimal | None
    line: int | None = None

    @property
    def valid_from(self):
        """The first day of the first collection period."""
        return self.periods[0].start

    @property
    def valid_until(self):
        """The last day of the last collection period."""
        return self.periods[-1].end

    @property
    def single_regime(self):
        """The regime when every nature listed shares one, else None."""
        regimes = set(self.regimes.values())
        return regimes.pop() if len(regimes) == 1 else None

    def regime_for(self, nature_id):
        """The regime of the file's ``natureId``, or None when the file does not list it."""
        return self.regimes.get(str(nature_id))

    def period_on(self, day):
        """The collection period that covers ``day``, or None."""
        return next((period for period in self.periods if period.covers(day)), None)

    def surcharge_rates(self):
        """The additional taxes in force as ``{code: percent}``, at the rates the law sets."""
        return {surcharge.code: surcharge.rate for surcharge in engine.SURCHARGES if surcharge.code in self.surcharges}

    def abatement_for(self, nights_open):
        """The forfait abatement (percent) for a lodging open ``nights_open`` nights; 0 when none applies."""
        for abatement in self.abatements:
            top = abatement.nights_max
            if abatement.nights_min <= nights_open and (top is None or nights_open <= top):
                return abatement.rate
        return Decimal(0)

    def tariffs(self, period=None):
        """The engine's :class:`engine.Tariffs` for ``period`` (the only one when None).

        Raises ValueError when ``period`` is None and there are several.
        """
        if period is None:
            if len(self.periods) != 1:
                raise ValueError("Several collection periods: say which one.")
            period = self.periods[0]
        return engine.Tariffs(
            classified=period.tariffs,
            unclassified_rate=period.unclassified_rate,
            surcharges=self.surcharge_rates(),
            low_rent_threshold=self.low_rent_threshold,
        )


@dataclass(frozen=True)
class DeltaFile:
    """A whole DELTA file: its version and date as it states them, the year read, its deliberations."""

    version: str | None
    date: datetime.date | None
    year: int | None
    deliberations: tuple[Deliberation, ...]

    def find(self, *, siren=None, insee_code=None):
        """The deliberation of the collectivity with this SIREN or INSEE code (deliberating or covered), or None."""
        for deliberation in self.deliberations:
            for collectivity in (deliberation.collectivity, *deliberation.members):
                if (siren and collectivity.siren == siren) or (insee_code and collectivity.insee_code == insee_code):
                    return deliberation
        return None


# --- Reading ---------------------------------------------------------------------


def _decode(data, max_bytes):
    """The file as text; bytes are decoded from their BOM or XML declaration, UTF-8 by default."""
    if isinstance(data, str):
        if len(data) > max_bytes:
            raise DeltaError([gettext("Le fichier est trop volumineux.")])
        return data
    if len(data) > max_bytes:
        raise DeltaError([gettext("Le fichier est trop volumineux.")])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        declared = _DECLARED_ENCODING.match(data)
        encoding = declared.group(1).decode("ascii") if declared else "utf-8-sig"
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except LookupError:
        raise DeltaError([gettext("Encodage inconnu : %(encoding)s.") % {"encoding": encoding}]) from None
    except UnicodeDecodeError as error:
        raise DeltaError(
            [
                gettext("Le fichier n'est pas lisible en %(encoding)s (octet %(position)s).")
                % {"encoding": encoding, "position": error.start}
            ]
        ) from None


def _local(tag):
    """The tag without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else tag


def _parse_tree(text):
    """The element tree, and the line each element starts on (for the messages).

    The text is fed line by line to a pull parser so that each start event can
    be paired with its line; ElementTree keeps no positions itself.
    """
    # The only XML this module parses, after _FORBIDDEN refused DTDs and entities.
    parser = ET.XMLPullParser(events=("start",))
    lines = {}
    root = None
    number = 0
    try:
        for number, chunk in enumerate(io.StringIO(text, newline=""), start=1):
            parser.feed(chunk)
            for _event, element in parser.read_events():
                lines[element] = number
                root = element if root is None else root
        parser.close()
    except ET.ParseError as error:
        line, column = error.position
        raise DeltaError(
            [
                gettext("Ligne %(line)s, colonne %(column)s : le fichier n'est pas un XML bien formé.")
                % {"line": line, "column": column + 1}
            ]
        ) from None
    for _event, element in parser.read_events():
        lines[element] = number
    for element in root.iter():
        element.tag = _local(element.tag)
    return root, lines


class _Reader:
    """Walks the tree, collecting every problem instead of stopping at the first."""

    def __init__(self, lines, year, category_ids):
        self.lines = lines
        self.year = year
        self.category_ids = category_ids
        self.errors = []

    # Messages ------------------------------------------------------------------

    def error(self, element, message, **values):
        where = gettext("Ligne %(line)s, élément <%(element)s>") % {
            "line": self.lines.get(element, "?"),
            "element": element.tag,
        }
        self.errors.append(f"{where} : {message % values if values else message}")

    # Values --------------------------------------------------------------------

    def text(self, element, name):
        """The stripped text of the attribute or child ``name`` of ``element``, or None when absent or empty."""
        value = element.get(name)
        if value is None:
            child = element.find(name)
            value = child.text if child is not None else None
        value = (value or "").strip()
        return value or None

    def child(self, element, name):
        found = element.find(name)
        return found if found is not None else element

    def decimal(self, element, name, *, required=True):
        raw = self.text(element, name)
        if raw is None:
            if required:
                self.error(element, gettext("la valeur « %(name)s » manque."), name=name)
            return None
        try:
            value = Decimal(raw.replace(",", ".").replace("\u00a0", "").replace(" ", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite() or value < 0:
            self.error(self.child(element, name), gettext("montant « %(value)s » invalide."), value=raw)
            return None
        return value

    def integer(self, element, name, *, required=True):
        raw = self.text(element, name)
        if raw is None:
            if required:
                self.error(element, gettext("la valeur « %(name)s » manque."), name=name)
            return None
        if not raw.isdigit():
            self.error(self.child(element, name), gettext("nombre entier « %(value)s » invalide."), value=raw)
            return None
        return int(raw)

    def flag(self, element, name):
        raw = self.text(element, name)
        if raw is None:
            return False
        if raw.lower() in _TRUE:
            return True
        if raw.lower() not in _FALSE:
            self.error(self.child(element, name), gettext("« %(value)s » n'est ni « true » ni « false »."), value=raw)
        return False

    def date(self, element, name, *, required=True, year=None):
        raw = self.text(element, name)
        if raw is None:
            if required:
                self.error(element, gettext("la date « %(name)s » manque."), name=name)
            return None
        value = parse_date(raw, year=year)
        if value is None:
            self.error(self.child(element, name), gettext("date « %(value)s » invalide."), value=raw)
        elif value is _NO_YEAR:
            self.error(
                self.child(element, name),
                gettext("la date « %(value)s » n'a pas d'année et celle du fichier est inconnue."),
                value=raw,
            )
            return None
        return value

    # Elements -------------------------------------------------------------------

    def collectivity(self, element, *, deliberating):
        name = self.text(element, "nom")
        siren = self.text(element, "siren")
        insee = self.text(element, "codeInsee")
        department = None
        if deliberating:
            container = element.find("departement")
            department = self.text(container if container is not None else element, "numero")
        if not name:
            self.error(element, gettext("le nom de la collectivité manque."))
        if siren is not None and not _SIREN.match(siren):
            self.error(element, gettext("SIREN « %(value)s » invalide : 9 chiffres attendus."), value=siren)
        if insee is not None and not _INSEE.match(insee.upper()):
            self.error(element, gettext("code INSEE « %(value)s » invalide : 5 caractères attendus."), value=insee)
        if deliberating and siren is None and insee is None:
            self.error(element, gettext("la collectivité n'a ni SIREN ni code INSEE."))
        return Collectivity(name=name or "", siren=siren, insee_code=insee and insee.upper(), department=department)

    def regimes(self, element):
        regimes = {}
        container = element.find("regimes")
        for regime in container.findall("regime") if container is not None else ():
            nature = (regime.get("natureId") or "").strip()
            word = _fold(regime.text or "")
            if not nature:
                self.error(regime, gettext("l'attribut natureId manque."))
                continue
            if nature in regimes:
                self.error(regime, gettext("la nature %(nature)s apparaît deux fois."), nature=nature)
                continue
            if word in {"reel", "au reel"}:
                regimes[nature] = engine.REEL
            elif word in {"forfaitaire", "forfait", "au forfait"}:
                regimes[nature] = engine.FORFAIT
            else:
                self.error(
                    regime,
                    gettext("régime « %(value)s » inconnu : « Réel » ou « Forfaitaire » attendu."),
                    value=(regime.text or "").strip(),
                )
        return MappingProxyType(regimes)

    def period(self, element):
        start = self.date(element, "dateDebut", year=self.year)
        end = self.date(element, "dateFin", year=self.year)
        if start and end and start > end:
            self.error(element, gettext("la période commence après sa fin."))
        tariffs = {}
        rate = None
        at_ceiling = set()
        container = element.find("tarifs")
        for tariff in container.findall("tarif") if container is not None else ():
            identifier = (tariff.get("categorieId") or "").strip()
            code = self.category_ids.get(identifier)
            if code is None:
                self.error(tariff, gettext("catégorie « %(value)s » inconnue."), value=identifier)
                continue
            if code in tariffs or (code == engine.UNCLASSIFIED and rate is not None):
                self.error(tariff, gettext("la catégorie %(value)s apparaît deux fois."), value=identifier)
                continue
            raw = (tariff.text or "").strip()
            try:
                value = Decimal(raw.replace(",", "."))
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite() or value < 0:
                self.error(tariff, gettext("montant « %(value)s » invalide."), value=raw)
                continue
            if code == engine.UNCLASSIFIED:
                rate = value
            else:
                tariffs[code] = value
            if self.flag(tariff, "isMax"):
                at_ceiling.add(code)
        if not tariffs and rate is None:
            self.error(element, gettext("la période n'a aucun tarif."))
        if start is None or end is None:
            return None
        return Period(
            start=start,
            end=end,
            tariffs=MappingProxyType(tariffs),
            unclassified_rate=rate,
            at_ceiling=frozenset(at_ceiling),
        )

    def periods(self, element):
        container = element.find("periodes")
        found = container.findall("periode") if container is not None else []
        if not found:
            self.error(element, gettext("la délibération n'a aucune période de perception."))
        periods = [period for period in (self.period(item) for item in found) if period is not None]
        periods.sort(key=lambda period: period.start)
        for before, after in zip(periods, periods[1:], strict=False):
            if after.start <= before.end:
                self.error(
                    element,
                    gettext("les périodes du %(first)s et du %(second)s se chevauchent."),
                    first=before.start.isoformat(),
                    second=after.start.isoformat(),
                )
        return tuple(periods)

    def abatements(self, element):
        container = element.find("abattements")
        if container is None:
            return ()
        items = container.findall("abattement")
        if not items and self.text(container, "taux") is not None:
            items = [container]
        abatements = []
        for item in items:
            rate = self.decimal(item, "taux")
            low = self.integer(item, "nuiteMin", required=False)
            high = self.integer(item, "nuiteMax", required=False)
            if rate is not None and rate >= 100:
                self.error(item, gettext("abattement de %(value)s %% impossible."), value=rate)
                continue
            if low is not None and high is not None and high < low:
                self.error(item, gettext("nuiteMax est inférieur à nuiteMin."))
                continue
            if rate is not None:
                abatements.append(Abatement(rate=rate, nights_min=low or 0, nights_max=high))
        abatements.sort(key=lambda abatement: abatement.nights_min)
        return tuple(abatements)

    def deliberation(self, element):
        errors_before = len(self.errors)
        entry = element.find("saisie/collectiviteDeliberante")
        if entry is None:
            entry = element.find("collectiviteDeliberante")
        if entry is None:
            self.error(element, gettext("la collectivité délibérante (saisie/collectiviteDeliberante) manque."))
            collectivity = None
        else:
            collectivity = self.collectivity(entry, deliberating=True)
        container = element.find("collectivites")
        members = tuple(
            self.collectivity(item, deliberating=False)
            for item in (container.findall("collectivite") if container is not None else ())
        )
        date = self.date(element, "date", required=False)
        surcharges = frozenset(code for name, code in SURCHARGE_FLAGS if self.flag(element, name))
        regimes = self.regimes(element)
        periods = self.periods(element)
        abatements = self.abatements(element)
        threshold = self.decimal(element, "loyerMaximumNuit", required=False)
        if collectivity is None or len(self.errors) > errors_before:
            return None
        return Deliberation(
            collectivity=collectivity,
            members=members,
            date=date,
            regimes=regimes,
            periods=periods,
            abatements=abatements,
            surcharges=surcharges,
            low_rent_threshold=threshold,
            line=self.lines.get(element),
        )


def _fold(text):
    """Lower case without accents or extra spaces, to compare French words."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


_NO_YEAR = object()


def parse_date(text, *, year=None):
    """A date of the file: « 01 janvier » (with ``year``), « 1er janvier 2027 », 01/01/2027 or 2027-01-01.

    Returns None when the text is not a date, and a sentinel (``_NO_YEAR``)
    when it has no year and none was given.
    """
    folded = _fold(text)
    try:
        if match := _ISO_DATE.match(folded):
            return datetime.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _SLASH_DATE.match(folded):
            return datetime.date(int(match[3]), int(match[2]), int(match[1]))
        if (match := _WORD_DATE.match(folded)) and match[2] in _MONTHS:
            found_year = int(match[3]) if match[3] else year
            if found_year is None:
                return _NO_YEAR
            return datetime.date(found_year, _MONTHS[match[2]], int(match[1]))
    except ValueError:
        return None
    return None


def parse(data, *, year=None, category_ids=DELTA_CATEGORY_IDS, max_bytes=MAX_BYTES):
    """Read a DELTA file (bytes or text) into a :class:`DeltaFile`, or raise :class:`DeltaError`.

    ``year`` is the year of the dates written without one (by default, the
    year of the file's own date); ``category_ids`` maps the file's
    ``categorieId`` to the engine's category codes, for when the official
    numbering proves different from :data:`DELTA_CATEGORY_IDS`. All or nothing:
    one problem anywhere refuses the file, and every problem is listed.
    """
    text = _decode(data, max_bytes)
    if _FORBIDDEN.search(text):
        raise DeltaError([gettext("Le fichier contient une déclaration DOCTYPE ou ENTITY : refusée par sécurité.")])
    if not text.strip():
        raise DeltaError([gettext("Le fichier est vide.")])
    root, lines = _parse_tree(text)
    reader = _Reader(lines, year, category_ids)
    if root.tag not in {"delta", "deliberations"}:
        reader.error(root, gettext("élément racine inattendu : <delta> attendu."))
        raise DeltaError(reader.errors)

    version = reader.text(root, "version")
    file_date = reader.date(root, "date", required=False)
    if reader.year is None and file_date is not None:
        reader.year = file_date.year

    elements = root.findall("deliberation") + root.findall("deliberations/deliberation")
    if not elements:
        reader.error(root, gettext("le fichier ne contient aucune délibération."))
    deliberations = [reader.deliberation(element) for element in elements]

    seen = {}
    for deliberation, element in zip(deliberations, elements, strict=True):
        if deliberation is None:
            continue
        key = deliberation.collectivity.siren or deliberation.collectivity.insee_code
        if key in seen:
            reader.error(
                element,
                gettext("la collectivité %(key)s a déjà une délibération ligne %(line)s."),
                key=key,
                line=seen[key],
            )
        else:
            seen[key] = lines.get(element, "?")
    if reader.errors:
        raise DeltaError(reader.errors)
    return DeltaFile(
        version=version,
        date=file_date,
        year=reader.year,
        deliberations=tuple(deliberations),
    )
