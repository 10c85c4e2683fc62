"""The directory is imported from a CSV file or an LDIF export: good rows go in and are
searchable, bad rows are reported with a reason, and a second import updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from kontaktcenter.directory.importing import import_people
from kontaktcenter.directory.models import Organisation, Person
from kontaktcenter.directory.selectors import directory_search

pytestmark = pytest.mark.django_db

CSV_EXPORT = """\ufeffid;förnamn;efternamn;titel;enhet;telefon;mobil;e-post
1001;Anna;Karlsson;Trafikplanerare;Trafikkontoret;08-508 271 10;;anna.karlsson@stockholm.example
1002;Erik;Sjöberg;Handläggare;trafikkontoret;+46 8 508 271 20;070-174 06 50;
1003;;Utan förnamn;Handläggare;Trafikkontoret;;;
1004;Lisa;Lind;Handläggare;Okända förvaltningen;;;
1005;Per;Pettersson;Handläggare;Trafikkontoret;12;;
1001;Anna;Karlsson;Dubblett;Trafikkontoret;;;
"""

LDIF_EXPORT = """version: 1

dn: ou=Trafikkontoret,dc=stockholm,dc=example
objectClass: organizationalUnit
ou: Trafikkontoret

dn: cn=Maria Sjöberg,ou=Trafikkontoret,dc=stockholm,dc=example
objectClass: inetOrgPerson
cn: Maria Sjöberg
givenName: Maria
sn: Sjöberg
title: Handläggare
telephoneNumber: 08-508 271 30
mail: maria.sjoberg@stockholm.example
employeeID: 2001

dn: cn=Omar Hassan,ou=Trafikkontoret,dc=stockholm,dc=example
objectClass: user
cn: Omar Hassan
sAMAccountName: ohassan
department: Trafikkontoret
title:: VHJhZmlraW5nZW5qw7Zy

dn: cn=Okänd Person,ou=Nowhere,dc=stockholm,dc=example
objectClass: person
cn: Okänd Person
"""


@pytest.fixture
def csv_file(tmp_path: Path, traffic_office: Organisation) -> Path:
    path = tmp_path / "personal.csv"
    path.write_text(CSV_EXPORT, encoding="utf-8")
    return path


def test_a_csv_import_takes_the_good_rows_and_reports_the_bad_ones(csv_file: Path) -> None:
    report = import_people(csv_file, file_format="csv")
    assert (report.read, report.created, report.updated) == (6, 2, 0)
    assert [(r.where, r.code) for r in report.rejected] == [
        ("line 4", "directory.import_missing_name"),
        ("line 5", "directory.import_unknown_organisation"),
        ("line 6", "invalid_phone"),
        ("line 7", "directory.import_duplicate"),
    ]
    sjoberg = Person.objects.get(last_name="Sjöberg")
    assert sjoberg.phone == "+46850827120"
    assert sjoberg.external_id == "1002"
    assert [hit.name for hit in directory_search(query="Schöberg")] == ["Erik Sjöberg"]


def test_importing_the_same_file_again_updates_instead_of_adding(csv_file: Path) -> None:
    import_people(csv_file, file_format="csv")
    csv_file.write_text(CSV_EXPORT.replace("Trafikplanerare", "Enhetschef"), encoding="utf-8")
    report = import_people(csv_file, file_format="csv")
    assert (report.created, report.updated) == (0, 2)
    assert Person.objects.count() == 2
    assert Person.objects.get(external_id="1001").title == "Enhetschef"
    assert [hit.name for hit in directory_search(query="enhetschef")] == ["Anna Karlsson"]


def test_an_ldif_export_imports_its_people_and_skips_other_entries(
    tmp_path: Path, traffic_office: Organisation
) -> None:
    path = tmp_path / "export.ldif"
    path.write_text(LDIF_EXPORT, encoding="utf-8")
    report = import_people(path, file_format="ldif")
    assert (report.read, report.created, report.skipped) == (3, 2, 1)
    [rejected] = report.rejected
    assert rejected.where == "cn=Okänd Person,ou=Nowhere,dc=stockholm,dc=example"
    assert rejected.code == "directory.import_unknown_organisation"
    hassan = Person.objects.get(external_id="ohassan")
    assert hassan.title == "Trafikingenjör"  # base64 in the export
    assert [hit.name for hit in directory_search(query="08-508 271 30")] == ["Maria Sjöberg"]


def test_the_command_writes_the_rejected_rows_and_fails_so_scripts_notice(
    csv_file: Path, tmp_path: Path
) -> None:
    rejected = tmp_path / "rejected.csv"
    with pytest.raises(SystemExit) as failed:
        call_command("directory", "import", str(csv_file), "--report", str(rejected))
    assert failed.value.code == 1
    lines = rejected.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "where,code,reason"
    assert len(lines) == 5
    assert Person.objects.count() == 2
