#!/usr/bin/env python3
"""Regenerates openaccess-core's SPDX licence list resource from the SPDX License List that the SPDX Java library
publishes on Maven Central (resources/stdlicenses/licenses.json inside org.spdx:java-spdx-library).

    scripts/update-spdx-licenses.py [java-spdx-library version]      (default 2.0.4: SPDX License List 3.28.0)

Keeps, per licence, what openaccess uses: id, name, OSI approval, FSF libre status, deprecation and the URLs that
identify it (to recognise a pom's <license><url>). The SPDX License List data is CC0-1.0.
"""
import io
import json
import sys
import urllib.request
import zipfile
from pathlib import Path

version = sys.argv[1] if len(sys.argv) > 1 else "2.0.4"
url = ("https://repo1.maven.org/maven2/org/spdx/java-spdx-library/%s/java-spdx-library-%s.jar" % (version, version))
with urllib.request.urlopen(url) as response:
    jar = zipfile.ZipFile(io.BytesIO(response.read()))
data = json.loads(jar.read("resources/stdlicenses/licenses.json"))

licenses = []
for entry in sorted(data["licenses"], key=lambda l: l["licenseId"]):
    licenses.append({
        "id": entry["licenseId"],
        "name": entry["name"],
        "osiApproved": bool(entry.get("isOsiApproved", False)),
        "fsfLibre": bool(entry.get("isFsfLibre", False)),
        "deprecated": bool(entry.get("isDeprecatedLicenseId", False)),
        "urls": sorted(set(entry.get("seeAlso", []))),
    })
out = {
    "licenseListVersion": data["licenseListVersion"],
    "releaseDate": data["releaseDate"],
    "source": url + " resources/stdlicenses/licenses.json (SPDX License List, CC0-1.0)",
    "licenses": licenses,
}
target = (Path(__file__).resolve().parent.parent
          / "openaccess-core/src/main/resources/dev/openaccess/core/openness/spdx-licenses.json")
target.parent.mkdir(parents=True, exist_ok=True)
target.write_text(json.dumps(out, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
print("%s: SPDX License List %s, %d licences" % (target, data["licenseListVersion"], len(licenses)))
