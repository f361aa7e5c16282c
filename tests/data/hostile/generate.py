"""Writes the hostile-file corpus next to this file, and manifest.json: for each file, the
edges it goes through (where apprenance meets it) and a piece of the refusal every edge must
answer. Run it again after changing a case: `python generate.py` (with the project's venv:
the PDF cases are drawn with reportlab).

Edges (tests/integration/test_hostile_files.py): ``badge-image`` (the artwork of a badge in a
catalog),
``badge-yaml`` (a badge file of a catalog), ``issuer-image`` (``issuer init --image`` as a
``data:`` URI), ``verify`` (``apprenance verify`` and ``POST /api/v1/verify``), ``mapping``
(an activity mapping YAML), ``territory`` (a territory description), ``framework`` (a SKOS
file), ``framework-import`` (``frameworks import``: must write inside HOME/frameworks),
``ingest`` (an activity log: the good rows kept, the hostile part rejected), ``upload-name``
and ``out-name`` (a name from input used as a file name: must stay in its folder). ``pad``
makes the test append that many bytes (oversized files are not stored).
"""

from __future__ import annotations

import base64
import io
import json
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
IMAGE = ["badge-image", "issuer-image", "verify"]
SVG_NS = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
MB = 1024 * 1024

manifest: dict[str, dict[str, Any]] = {}


def case(name: str, data: bytes | str, edges: list[str], refusal: str | None, why: str,
         **extra: Any) -> None:
    (HERE / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    manifest[name] = {"edges": edges, "refusal": refusal, "why": why, **extra}


def svg(body: str, *, head: str = "", attrs: str = "") -> str:
    return f'{head}<svg {SVG_NS} {XLINK} viewBox="0 0 200 200"{attrs}>{body}' \
           '<circle cx="100" cy="100" r="90" fill="#c2571a"/></svg>'


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(
        ">I", zlib.crc32(kind + body))


def png(width: int = 1, height: int = 1, *, idat: bytes | None = None,
        extra: bytes = b"") -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    pixels = idat if idat is not None else zlib.compress(b"\x00" * (height * (width + 1)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + extra + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def bomb(size: int) -> bytes:
    """``size`` zero bytes, deflated (about a thousandth of the size)."""
    out = zlib.compressobj(9)
    block = b"\x00" * MB
    parts = [out.compress(block) for _ in range(size // MB)]
    return b"".join(parts) + out.flush()


def pdf(files: list[tuple[str, bytes]]) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    from apprenance.credentials.pdf.attach import Attachment, attach_files

    out = io.BytesIO()
    canvas = Canvas(out, invariant=True)
    canvas.drawString(72, 720, "Certificat")
    attach_files(canvas, [Attachment(n, d) for n, d in files],
                 modified=datetime(2026, 1, 1, tzinfo=UTC))
    canvas.save()
    return out.getvalue()


LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
CREDENTIAL = {"@context": ["https://www.w3.org/ns/credentials/v2",
                           "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
              "type": ["VerifiableCredential", "OpenBadgeCredential"],
              "issuer": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
              "validFrom": "2026-01-01T00:00:00Z", "name": "Faire 1",
              "credentialSubject": {"type": ["AchievementSubject"]}}
STATEMENT = json.loads((HERE.parent / "bad" / "xapi-lines.json").read_text("utf-8")
                       .splitlines()[0])
CSV_HEADER = ("id,date,participant,nom,role,territoire,projet,fonction,activite,description,"
              "duree,temoin,preuve")


def good_row(n: int) -> dict[str, str]:
    values = [f"ok-{n}", f"2025-03-0{n}", "alice@example.org", "Alice", "habitant", "val",
              "jardin", "alimentation", "atelier-cuisine", f"Atelier {n}", "2", "", ""]
    return dict(zip(CSV_HEADER.split(","), values, strict=True))


def write() -> None:
    # --- SVG: active content, external references, entities ---------------------------------
    case("svg-script.svg", svg("<script>alert(document.cookie)</script>"), IMAGE,
         "a <script> element", "a script runs when the artwork is opened on our origin")
    case("svg-onload.svg", svg("", attrs=' onload="alert(1)"'), IMAGE,
         "an event handler (onload)", "event handlers are scripts")
    case("svg-onclick-nested.svg", svg('<g><rect width="9" height="9" onclick="x()"/></g>'),
         IMAGE, "an event handler (onclick)", "handlers anywhere in the tree")
    case("svg-foreignobject.svg",
         svg('<foreignObject width="200" height="200"><body xmlns="http://www.w3.org/1999/'
             'xhtml"><iframe src="https://evil.example/"/></body></foreignObject>'),
         IMAGE, "a <foreignobject> element", "HTML inside SVG: iframes, forms, scripts")
    case("svg-xlink-href-http.svg", svg('<use xlink:href="http://evil.example/x.svg#a"/>'),
         IMAGE, "an external reference", "fetched by every viewer: tracking, content swap")
    case("svg-image-href.svg",
         svg('<image href="https://evil.example/pixel.png" width="1" height="1"/>'), IMAGE,
         "an external reference", "a tracking pixel in every credential")
    case("svg-image-file.svg", svg('<image href="file:///etc/passwd"/>'), IMAGE,
         "an external reference", "local files")
    case("svg-image-data-svg.svg",
         svg('<image href="data:image/svg+xml;base64,'
             + base64.b64encode(svg("<script>alert(1)</script>").encode()).decode() + '"/>'),
         IMAGE, "an external reference", "an SVG inside a data: URI escapes the checks")
    case("svg-javascript-link.svg", svg('<a href="javascript:alert(1)"><rect/></a>'), IMAGE,
         "an external reference", "javascript: links")
    case("svg-css-import.svg", svg("<style>@import url(https://evil.example/x.css);</style>"),
         IMAGE, "a CSS @import", "external style sheets")
    case("svg-css-url.svg", svg('<rect style="fill: url(https://evil.example/p.svg#g)"/>'),
         IMAGE, "a CSS reference", "CSS url() outside the document")
    case("svg-fill-url.svg", svg('<rect fill="url(http://evil.example/p.svg#g)"/>'), IMAGE,
         "a CSS reference", "presentation attributes with url()")
    case("svg-animate-href.svg",
         svg('<a href="#x"><set attributeName="href" to="javascript:alert(1)"/></a>'), IMAGE,
         "an animation of 'href'", "an animation that turns a link into a script")
    case("svg-xml-stylesheet.svg",
         svg("", head='<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/'
             'x.css"?>'), IMAGE, "external style sheet", "<?xml-stylesheet?> fetches CSS")
    case("svg-entities.svg", svg("&a;", head='<!DOCTYPE svg [<!ENTITY a "x">]>'), IMAGE,
         "DOCTYPE", "entities expand text: refused with any DTD")
    case("svg-billion-laughs.svg",
         svg("<text>&l9;</text>", head=f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY l0 '
             f'"lol">{LAUGHS}]>'), IMAGE, "DOCTYPE", "10^9 'lol's from 1 KB")
    case("svg-xxe.svg",
         svg("<text>&x;</text>", head='<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
         IMAGE, "DOCTYPE", "XXE: a local file read into the image")
    case("svg-external-dtd.svg",
         svg("", head='<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
             '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'), IMAGE, "DOCTYPE",
         "an external DTD would be fetched by a validating parser")
    case("svg-deep.svg", svg("<g>" * 200 + "</g>" * 200), IMAGE, "nested more than 64",
         "deep trees exhaust recursive renderers")
    case("svg-huge-canvas.svg", svg("", attrs=' width="100000" height="100000"'), IMAGE,
         "pixels", "a 10-gigapixel canvas for whoever rasterises it")
    case("svg-truncated.svg", svg("<g><rect/>")[:-20], IMAGE, "unreadable SVG",
         "a cut file")
    case("svg-not-svg.svg", "<html><script>alert(1)</script></html>",
         ["badge-image", "issuer-image"],
         "neither a PNG nor an SVG", "an HTML page named .svg")

    # --- PNG: sizes and decompression bombs -------------------------------------------------
    case("png-huge-dimensions.png", png(100_000, 100_000, idat=zlib.compress(b"\x00")), IMAGE,
         "pixels", "10^10 pixels declared: decoders allocate before reading")
    case("png-idat-bomb.png", png(100, 100, idat=bomb(64 * MB)), IMAGE,
         "image data inflates to more than", "64 MB of pixels for a 100x100 image")
    case("png-itxt-bomb.png",
         png(extra=chunk(b"iTXt", b"openbadgecredential\x00\x01\x00\x00\x00" + bomb(64 * MB))),
         IMAGE, "iTXt text inflates to more than", "a compressed text chunk of 64 MB")
    case("png-ztxt-bomb.png", png(extra=chunk(b"zTXt", b"Comment\x00\x00" + bomb(64 * MB))),
         IMAGE, "zTXt text inflates to more than", "the same in a zTXt chunk")
    case("png-animated.png", png(extra=chunk(b"acTL", struct.pack(">II", 1000, 0))), IMAGE,
         "animated PNG", "a thousand frames, each may inflate to the whole canvas")
    case("png-truncated.png", png()[:-7], IMAGE, "truncated PNG", "a cut file")
    whole = png()
    case("png-bad-crc.png", whole[:-5] + b"\x00" + whole[-4:], IMAGE, "bad CRC",
         "a corrupted chunk")
    case("png-oversized.png", png(), ["badge-image", "issuer-image"], "too large",
         "3 MB for a badge (2 MB at most)", pad=3 * MB)
    case("png-oversized-upload.png", png(), ["verify"], "too large",
         "17 MB uploaded (16 MB at most)", pad=17 * MB)

    # --- JSON: nesting, numbers, duplicate keys ---------------------------------------------
    case("json-deep-arrays.json", "[" * 100_000, ["verify"], "nested too deeply",
         "100k '[': parsers recurse")
    case("json-deep-objects.json", '{"a":' * 20_000, ["verify"], "nested too deeply",
         "20k nested objects")
    case("json-deep-credential.json",
         json.dumps({**CREDENTIAL, "@context": [CREDENTIAL["@context"][0],
                                                {"@vocab": "https://e.org/"}],
                     "credentialSubject": json.loads('{"a":' * 900 + "1" + "}" * 900)}),
         ["verify"], "nested too deeply",
         "parsed by the JSON parser, too deep for the JSON-LD walk and canonicalization")
    case("json-huge-number.json",
         json.dumps(CREDENTIAL)[:-1] + ', "credits": ' + "9" * 5000 + "}", ["verify"],
         "digits", "a 5000-digit number: quadratic int conversion")
    case("json-duplicate-keys.json",
         '{"name": "Harmless", ' + json.dumps(CREDENTIAL)[1:-1] + ', "name": "Other"}',
         ["verify"], "appears twice", "one value to the verifier, another to the wallet")
    case("jws-duplicate-keys.jwt",
         base64.urlsafe_b64encode(b'{"alg":"EdDSA"}').decode().rstrip("=") + "."
         + base64.urlsafe_b64encode(('{"vc": 1, ' + json.dumps(CREDENTIAL)[1:-1]
                                     + ', "vc": 2}').encode()).decode().rstrip("=") + ".c2ln",
         ["verify"], "appears twice", "the same inside a VC-JWT payload")
    case("jsonl-deep-line.jsonl",
         "\n".join([json.dumps(good_row(1)), "[" * 100_000, json.dumps(good_row(2))]) + "\n",
         ["ingest"], "nested too deeply", "one deep line among good ones", accepted=2)
    case("jsonl-huge-number.jsonl",
         "\n".join([json.dumps(good_row(1)), '{"duree": ' + "1" * 5000 + "}",
                    json.dumps(good_row(2))]) + "\n",
         ["ingest"], "too many digits", "a 5000-digit number in one line", accepted=2)
    deep = {**STATEMENT, "context": {**STATEMENT["context"], "extensions": {
        "https://e.org/x": json.loads("[" * 980 + "]" * 980)}}}
    case("xapi-deep-statement.json",
         "\n".join([json.dumps(STATEMENT), json.dumps(deep),
                    json.dumps({**STATEMENT, "id": STATEMENT["id"][:-1] + "9"})]) + "\n",
         ["ingest"], "nested too deeply", "a statement nested 980 levels", accepted=2)
    case("xapi-deep-array.json", "[" * 100_000, ["ingest"], "nested too deeply",
         "100k '[' as an xAPI file", accepted=0)

    # --- catalog YAML -----------------------------------------------------------------------
    case("yaml-billion-laughs.yaml",
         'version: "1"\nactivities:\n  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", '
         '"lol", "lol", "lol"]\n'
         + "".join(f"  a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10)),
         ["mapping"], "aliases", "9^10 values from 1 KB: the loader hung")
    case("yaml-recursive-alias.yaml", 'version: "1"\nactivities: &x\n  a: *x\n', ["mapping"],
         "its own anchor", "an anchor holding its own alias: infinite recursion")
    case("yaml-python-tag.yaml", 'version: "1"\nactivities: !!python/object/apply:os.system '
         '["touch /tmp/apprenance-pwned"]\n', ["mapping"], "invalid YAML",
         "code execution with an unsafe loader")
    case("yaml-deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n", ["mapping"], "invalid YAML",
         "deep nesting")
    case("yaml-territory-deep.yaml", "id: x\nname: " + "[" * 1200 + "]" * 1200 + "\n",
         ["territory"], "nested too deeply", "the territory reader recursed per level")
    case("yaml-territory-laughs.yaml",
         'id: x\nname: X\nprojects:\n  - &a0 {id: p, name: "lol"}\n'
         + "".join(f"  - &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)),
         ["territory"], "aliases", "aliases expanded by the validation")
    case("yaml-territory-recursive.yaml", "id: x\nname: X\nnotes: &a [*a]\n", ["territory"],
         "its own anchor", "an alias inside its anchor: HTTP 500, a crash of the command")
    case("yaml-territory-big-row.yaml",
         'id: x\nname: X\nnotes:\n  - &a "xxxxxxxxxxxxxxx"\n'
         + "".join(f"  - &{b} [{','.join([f'*{a}'] * 9)}]\n"
                   for a, b in zip("abcde", "bcdef", strict=True))
         + f"  - [{','.join(['*f'] * 9)}]\n",
         ["territory"], "aliases", "250 bytes stored as a 9 MB row (an extra field)")
    badge = ("id: faire-1\nname: {fr: Faire, en: Doing}\ndescription: {fr: D, en: D}\n"
             "criteria: {fr: C, en: C}\nimage: IMAGE\nrule: {measure: hours, min: 1}\n")
    case("badge-image-traversal.yaml", badge.replace("IMAGE", "../../../../../etc/passwd"),
         ["badge-yaml"], "must be in the badge's folder", "reads any file of the server")
    case("badge-image-absolute.yaml", badge.replace("IMAGE", "/etc/hostname"),
         ["badge-yaml"], "must be in the badge's folder", "an absolute path")

    # --- SKOS frameworks --------------------------------------------------------------------
    rdf = ('<?xml version="1.0"?>{doctype}<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
           '22-rdf-syntax-ns#" xmlns:skos="http://www.w3.org/2004/02/skos/core#"><skos:Concept '
           'rdf:about="http://e.org/c"><skos:prefLabel>{label}</skos:prefLabel></skos:Concept>'
           "</rdf:RDF>")
    case("skos-xxe.rdf", rdf.format(
        doctype='<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>', label="&x;"),
        ["framework"], "entity declarations are refused", "XXE through rdflib's XML parser")
    case("skos-billion-laughs.rdf", rdf.format(
        doctype=f'<!DOCTYPE rdf:RDF [<!ENTITY l0 "lol">{LAUGHS}]>', label="&l9;"),
        ["framework"], "entity declarations are refused", "entity expansion")
    case("skos-remote-context.jsonld",
         json.dumps({"@context": "https://evil.example/context.jsonld", "@id": "http://e.org/c"}),
         ["framework"], "remote", "rdflib would fetch the context")
    case("skos-remote-import.jsonld",
         json.dumps({"@context": {"@import": "https://evil.example/c.jsonld"},
                     "@id": "http://e.org/c"}), ["framework"], "remote", "@import fetches too")
    case("skos-deep.jsonld", "[" * 100_000, ["framework"], "nested too deeply",
         "deep JSON-LD")
    case("skos-huge-number.jsonld", '{"@id": "http://e.org/c", "n": ' + "7" * 5000 + "}",
         ["framework"], "too many digits", "a 5000-digit number")
    case("skos-traversal-prefix.jsonld", json.dumps({
        "@context": {"skos": "http://www.w3.org/2004/02/skos/core#",
                     "../../../../tmp/apprenance-traversal": "http://ex.org/fw/"},
        "@graph": [{"@id": "http://ex.org/fw", "@type": "skos:ConceptScheme",
                    "skos:prefLabel": "X"},
                   {"@id": "http://ex.org/fw/c1", "@type": "skos:Concept",
                    "skos:prefLabel": {"@value": "c1", "@language": "fr"},
                    "skos:inScheme": {"@id": "http://ex.org/fw"}}]}),
        ["framework-import"], None, "a context term named the imported file: written outside "
        "HOME/frameworks")

    # --- PDF --------------------------------------------------------------------------------
    case("pdf-bomb.pdf", pdf([("credential.json", b"\x00" * 64 * MB)]), ["verify"],
         "decompression bomb", "64 MB attached in 64 KB")
    case("pdf-many-attachments.pdf",
         pdf([(f"a{i}.json", json.dumps(CREDENTIAL).encode()) for i in range(20)]),
         ["verify"], "more than 16 attachments", "every attachment is inflated")
    case("pdf-truncated.pdf", pdf([("credential.json", json.dumps(CREDENTIAL).encode())])[:600],
         ["verify"], "PDF", "a cut file")

    # --- names from input used as file names ------------------------------------------------
    for i, name in enumerate(["../../../../tmp/apprenance-x.csv", "/etc/passwd", "..", ".",
                              "x.c\x00sv", "a/b/../../../c.csv"]):
        case(f"name-upload-{i}.txt", name, ["upload-name"], None,
             "an uploaded file's name: kept under HOME/uploads")
    for i, name in enumerate(["../../../../tmp/apprenance-x", "..", "/etc", "a/../../b",
                              ".hidden", "\x00"]):
        case(f"name-out-{i}.txt", name, ["out-name"], None,
             "a badge id or participant in --out: kept in the output folder")

    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False)
                                        + "\n", "utf-8")


if __name__ == "__main__":
    write()
