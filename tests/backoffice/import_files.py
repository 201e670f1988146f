"""CSV files of hosts and accommodations as agents import them: three good lines and the upload."""

from django.core.files.uploadedfile import SimpleUploadedFile

from hostspace.backoffice import imports

IMPORT = "/admin/hebergeurs-import/"
HEADER = ";".join(imports.COLUMNS)
GOOD = [
    "H-1;Mme;Claire;Roux;;;claire@example.org;04 92 23 45 67;5 rue des Alpes;;05340;Pelvoux;"
    "Gîte A;Meublé de tourisme;Ailefroide;;05340;Pelvoux;6;05101000123AB;du 15 juin au 15 septembre",
    "H-1;Mme;Claire;Roux;;;claire@example.org;04 92 23 45 67;5 rue des Alpes;;05340;Pelvoux;"
    'Gîte B;meuble;Ailefroide;;05340;Pelvoux;4;05101000124AB;"15/12-15/04; 01/06-30/09"',
    "H-2;M.;Marc;Faure;Hôtel Faure;73282932000074;marc@example.org;04 92 23 00 11;Place;;05290;Vallouise;"
    "Hôtel des Écrins;Hôtel de tourisme;Place;;05290;Vallouise;40;;Toute l'année",
]


def csv_file(*lines):
    content = "\n".join([HEADER, *lines]).encode("utf-8")
    return SimpleUploadedFile("hebergeurs.csv", content, content_type="text/csv")
