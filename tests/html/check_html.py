#!/usr/bin/env python3
"""Holds a census page, as Chromium rendered it, against the JSON report.

--page: the file the tool wrote; --dom: the DOM Chromium built from it
(--dump-dom, after the page's script ran); --png: Chromium's screenshot;
--json: the JSON report of the same run; --tree: the scanned tree; --odd-dir:
the tree's directory whose name looks like markup; --elixir-page: the page of
a run with --html-link ELIXIR; --driven-dom: the DOM after a script sorted the
table by kind, hardest first, and kept the manual handlers. Python's standard library only.
"""
import argparse
import html.parser
import json
import os
import struct
import sys
import urllib.parse
import zlib

problems = []


def need(cond, what):
    if not cond:
        problems.append(what)
    return cond


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children, self.texts = [], []

    def text(self):
        return "".join(t if isinstance(t, str) else t.text() for t in self.texts)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find_all(self, tag=None, **attrs):
        return [n for n in self.walk()
                if (tag is None or n.tag == tag)
                and all(n.attrs.get(k.replace("_", "-")) == v if v is not True
                        else k.replace("_", "-") in n.attrs for k, v in attrs.items())]

    def has_class(self, c):
        return c in self.attrs.get("class", "").split()


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.texts.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        n = Node(tag, attrs, self.cur)
        self.cur.children.append(n)
        self.cur.texts.append(n)

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.texts.append(data)


def parse(path):
    b = TreeBuilder()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    b.close()
    return b.root


# The page's documented grouping (docs/report-format.md), written again here.
def subsystem(path):
    if not path:
        return "(unknown)"
    if path.startswith("/"):
        return "(outside the tree)"
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2:
        return "(top)"
    if parts[0] in ("drivers", "arch") and len(parts) > 2:
        return parts[0] + "/" + parts[1]
    return parts[0]


def subsystems(h):
    if h["kind"] == "generic-direct":
        return sorted({subsystem(s["file"]) for s in h["sites"]})
    return [subsystem(h["file"])]


def read_png(path):
    """(width, height, rows of (r, g, b) tuples) of an 8-bit RGB(A) PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if not need(data[:8] == b"\x89PNG\r\n\x1a\n", "screenshot is not a PNG"):
        return 0, 0, []
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    if not need(depth == 8 and colour in (2, 6) and interlace == 0,
                "screenshot PNG is not 8-bit RGB(A), non-interlaced: %r" % (ihdr,)):
        return 0, 0, []
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [[tuple(r[x:x + 3]) for x in range(0, stride, bpp)] for r in rows]


def hex_rgb(h):
    return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))


def main():
    ap = argparse.ArgumentParser()
    for a in ("page", "dom", "png", "json", "tree", "odd-dir", "elixir-page", "elixir",
              "driven-dom"):
        ap.add_argument("--" + a, required=True)
    args = ap.parse_args()
    report = json.load(open(args.json))
    tree = os.path.realpath(args.tree)
    summary = report["summary"]
    raw = open(args.page, encoding="utf-8").read()
    page, dom = parse(args.page), parse(args.dom)

    # Self-contained: nothing for a browser to fetch.
    for n in page.walk():
        need(n.tag not in ("link", "img", "iframe", "object", "embed", "base"),
             "the page has a <%s> element" % n.tag)
        need("src" not in n.attrs, "<%s src=...> in the page" % n.tag)
    need("url(" not in raw and "@import" not in raw, "the CSS loads something")
    hrefs = [a.attrs["href"] for a in page.find_all("a")]
    other = [h for h in hrefs if not h.startswith("file:///")]
    need(hrefs and not other, "links that are not file:// URLs: %s" % other[:3])

    # The script ran (filters shown, a count), and only added to the page.
    form = dom.find_all("form", id="filters")
    need(form and "hidden" not in form[0].attrs, "the filters are still hidden: no script ran")
    shown = dom.find_all(id="shown")
    n = summary["handlers"]
    need(shown and shown[0].text() == "%d of %d handlers shown" % (n, n),
         "filter count: %r" % (shown[0].text() if shown else None))

    # Totals.
    want = {"handlers": summary["handlers"], "sites": summary["sites"],
            "null_sites": summary["null_sites"], "tus_parsed": summary["tus_parsed"],
            "tus_failed": summary["tus_failed"],
            "files_read_as_text": summary["files_read_as_text"],
            "not_analysed": len(report["not_analysed"]),
            "other_tables": len(report["other_tables"])}
    for v, count in summary["by_verdict"].items():
        want[v] = count
    for box in dom.find_all("div", data_total=True):
        key = box.attrs["data-total"]
        dd = box.find_all("dd")
        need(key in want and dd and dd[0].text() == str(want[key]),
             "total %s shows %s, the report says %s" % (key, dd[0].text() if dd else None,
                                                       want.get(key)))
        want.pop(key, None)
    need(not want, "totals missing from the page: %s" % sorted(want))

    # The table: one row per handler, in the report's order, with its facts.
    rows = dom.find_all("table", id="handlers")[0].find_all("tr", data_handler=True)
    handlers = report["handlers"]
    need(len(rows) == len(handlers) > 0, "%d rows for %d handlers" % (len(rows), len(handlers)))
    for row, h in zip(rows, handlers):
        name = h["name"]
        got = (row.attrs["data-handler"], row.attrs["data-file"], int(row.attrs["data-line"]),
               row.attrs["data-kind"], row.attrs["data-verdict"])
        need(got == (name, h["file"], h["line"], h["kind"] or "not-analysed", h["verdict"]),
             "row %s: %r" % (name, got))
        cells = row.find_all("td")
        need(cells[0].text() == name, "name cell of " + name)
        need(cells[2].text() == "%s:%d" % (h["file"], h["line"]), "defined-at cell of " + name)
        need(cells[4].text() == h["verdict"] + ("partial" if h["partial"] else ""),
             "verdict cell of %s: %r" % (name, cells[4].text()))
        need(row.attrs["data-subsystems"].split("|") == subsystems(h), "subsystems of " + name)
        why = cells[5].text()
        if h["blocker"]:
            need(h["blocker"] in why, "%s: the blocker is not shown" % name)
        reasons = cells[5].find_all("li", data_rule=True)
        need([r.attrs["data-rule"] for r in reasons] == [r["rule"] for r in h["reasons"]],
             "reasons of " + name)
        for li, r in zip(reasons, h["reasons"]):
            need(r["message"] in li.text(), "%s: message %r not shown" % (name, r["message"]))
        slots = [li.text() for li in cells[6].find_all("li")]
        need(len(slots) == len(h["sites"]) and
             all(s.startswith(site["table"]) for s, site in zip(slots, h["sites"])),
             "slots of %s: %r" % (name, slots))
        link = cells[2].find_all("a")[0].attrs["href"]
        path = h["file"] if h["file"].startswith("/") else os.path.join(tree, h["file"])
        need(urllib.parse.unquote(link) == "file://%s#L%d" % (path, h["line"]),
             "link of %s: %s" % (name, link))

    # The chart: a bar per subsystem, segments by kind, as the report counts.
    bars = {}
    for h in handlers:
        for s in subsystems(h):
            kind = h["kind"] or "not-analysed"
            bars.setdefault(s, {}).setdefault(kind, 0)
            bars[s][kind] += 1
    chart = dom.find_all(id="chart")[0]
    drawn = {}
    order = []
    segs = []
    for g in chart.find_all("g", data_subsystem=True):
        order.append(g.attrs["data-subsystem"])
        label = [t.text() for t in g.find_all("text") if t.has_class("label")]
        need(label == [g.attrs["data-subsystem"]], "bar label %r" % label)
        for r in g.find_all("rect"):
            drawn.setdefault(order[-1], {})[r.attrs["data-kind"]] = int(r.attrs["data-count"])
            segs.append(r)
    need(drawn == bars, "chart %r, the report gives %r" % (drawn, bars))
    totals = {s: sum(k.values()) for s, k in bars.items()}
    need(order == sorted(totals, key=lambda s: (-totals[s], s)), "bar order %r" % order)
    widest = max(totals.values())
    for r in segs:
        width = int(r.attrs["width"])
        want_w = int(r.attrs["data-count"]) * 620 / widest
        need(abs(width - want_w) <= 1, "segment %s of width %d, wanted %.1f" % (
            r.attrs["data-kind"], width, want_w))
    legend = {li.attrs["data-kind"]: li for li in dom.find_all("li", data_kind=True)}
    kinds = {k: 0 for s in bars.values() for k in s}
    for s in bars.values():
        for k, c in s.items():
            kinds[k] += c
    need(set(legend) == set(kinds), "legend %s, kinds drawn %s" % (sorted(legend), sorted(kinds)))

    # The convert/manual split: one segment per verdict, widths by count.
    split = dom.find_all("svg")[0]
    need(split.has_class("split"), "the first chart is not the verdict split")
    verdict_rects = {r.attrs["data-verdict"]: r for r in split.find_all("rect")}
    need({v for v, c in summary["by_verdict"].items() if c} == set(verdict_rects),
         "verdict segments %s" % sorted(verdict_rects))
    for v, r in verdict_rects.items():
        want_w = summary["by_verdict"][v] * 800 / summary["handlers"]
        need(abs(int(r.attrs["width"]) - want_w) <= 1, "verdict %s width" % v)

    # Sorting and filtering: rows in kind order, hardest first (ties in the
    # report's order), and only the manual ones shown.
    driven = parse(args.driven_dom)
    drows = driven.find_all("table", id="handlers")[0].find_all("tr", data_handler=True)
    keys = [(-int(r.find_all("td")[3].attrs["data-sort"]), int(r.attrs["data-order"]))
            for r in drows]
    need(len(drows) == len(handlers) and keys == sorted(keys), "not sorted by kind: %s" % keys)
    manual = [r.attrs["data-handler"] for r in drows if "hidden" not in r.attrs]
    need(sorted(manual) == sorted(h["name"] for h in handlers if h["verdict"] == "manual"),
         "the manual filter shows %s" % manual)
    shown = driven.find_all(id="shown")[0].text()
    need(shown == "%d of %d handlers shown" % (len(manual), len(handlers)), "count " + shown)

    # Files not analysed, NULL slots, other ops tables.
    need(len(dom.find_all("tr", **{"class": "not-analysed"})) == len(report["not_analysed"]),
         "rows of files not analysed")
    need(len(dom.find_all("tr", **{"class": "other"})) == len(report["other_tables"]),
         "rows of other ops tables")
    null_section = dom.find_all("section", id="null-slots")
    need(bool(null_section) == bool(report["null_sites"]), "NULL slots section")
    if null_section:
        need(len(null_section[0].find_all("tbody")[0].find_all("tr")) == len(report["null_sites"]),
             "rows of NULL slots")

    # Escaping: the odd directory is text wherever it shows, never markup.
    odd = args.odd_dir
    need(odd not in raw, "the page holds %r unescaped" % odd)
    need(not dom.find_all("u"), "a path became a <u> element")
    odd_rows = [r for r in rows if r.attrs["data-file"].startswith(odd + "/")]
    need(len(odd_rows) == 1, "no row for the handler under %r" % odd)
    for r in odd_rows:
        cells = r.find_all("td")
        need(cells[2].text().startswith(odd + "/"), "the odd path is not shown as text")
        need(any("&" in li.text() and "->" in li.text() for li in cells[6].find_all("li")),
             "the odd table expression is not shown as text: %r" % cells[6].text())

    # --html-link: links into the tree follow the template.
    elixir = parse(args.elixir_page)
    for row, h in zip(elixir.find_all("tr", data_handler=True), handlers):
        href = row.find_all("td")[2].find_all("a")[0].attrs["href"]
        if h["file"].startswith("/"):
            need(href.startswith("file:///"), "link out of the tree: " + href)
        else:
            want = args.elixir.replace("{path}", urllib.parse.quote(h["file"], safe="/~"))
            need(href == want.replace("{line}", str(h["line"])), "template link " + href)

    # The screenshot: what a person sees. Not blank, and every colour of the
    # charts covers at least the area its segments take.
    width, height, pixels = read_png(args.png)
    if need(width == 1280 and height == 1400, "screenshot is %dx%d" % (width, height)):
        counts = {}
        for line in pixels:
            for p in line:
                counts[p] = counts.get(p, 0) + 1
        white = counts.get((255, 255, 255), 0)
        need(white < width * height * 0.97, "the screenshot is blank")
        need(len(counts) > 16, "the screenshot has %d colours" % len(counts))
        area = {}
        for r in segs + list(verdict_rects.values()):
            rgb = hex_rgb(r.attrs["fill"])
            area[rgb] = area.get(rgb, 0) + int(r.attrs["width"]) * int(r.attrs["height"])
        for k, li in legend.items():
            need(hex_rgb(li.attrs["data-colour"]) in area, "legend colour of %s is not drawn" % k)
        for rgb, a in area.items():
            need(counts.get(rgb, 0) >= a, "colour #%02x%02x%02x: %d pixels, its segments take %d"
                 % (rgb + (counts.get(rgb, 0), a)))

    for p in problems:
        print("html: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
