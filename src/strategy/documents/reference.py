"""The reference template: every style, the heading numbering and the page setup of our documents.

In: nothing (the definitions below). Out: ``src/strategy/data/reference.docx`` written by
:func:`build_reference_docx` - A4 portrait, Polish proofing language (``pl-PL``) in the document
defaults and in every style, headings 1-3 numbered 1 / 1.1 / 1.1.1 by a multilevel list linked
to the heading styles, body text, caption, source note, table text, table style with a header
row, bullet and numbered lists, TOC and table-of-figures styles, title page styles, header and
footer. Regenerate the shipped file with ``python -m strategy.documents``.

Style *names* below are what python-docx and the other modules use; Word shows the built-in ones
translated (``Caption`` is "Legenda", ``Heading 1`` is "Nagłówek 1").
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.shared import Twips

from .package import FIXED_DATE, write_docx
from .properties import replace_package_part

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

FONT = "Arial"
LANG = "pl-PL"
# Page setup in twentieths of a point (twips): A4, margins 2.5 cm left/top, 2 cm right/bottom.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 1418, 1134, 1418, 1134
HEADER_DIST = FOOTER_DIST = 709
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT

# Names of the styles the engine uses (python-docx names). A user template must provide them or
# they are copied in from the reference template.
HEADINGS = ("Heading 1", "Heading 2", "Heading 3")
CAPTION = "Caption"
SOURCE = "Źródło"
TABLE_TEXT = "Tekst tabeli"
TABLE_HEADING = "Nagłówek tabeli"
TABLE_NUMBER = "Liczba w tabeli"
TABLE_STYLE = "Tabela strategii"
LIST_BULLET = "List Bullet"
LIST_NUMBER = "List Number"
TITLE = "Title"
SUBTITLE = "Subtitle"
TITLE_INFO = "Strona tytułowa – informacje"
TOC_HEADING = "TOC Heading"
TOC_LEVELS = ("toc 1", "toc 2", "toc 3")
TABLE_OF_FIGURES = "table of figures"
HEADER = "Header"
FOOTER = "Footer"
HEADER_MARK = "Oznaczenie dokumentu"
FIGURE = "Wykres – rysunek"
REQUIRED_STYLES = (
    "Normal", *HEADINGS, CAPTION, SOURCE, TABLE_TEXT, TABLE_HEADING, TABLE_NUMBER, TABLE_STYLE,
    LIST_BULLET,
    LIST_NUMBER, TITLE, SUBTITLE, TITLE_INFO, TOC_HEADING, *TOC_LEVELS, TABLE_OF_FIGURES, HEADER,
    FOOTER, HEADER_MARK, FIGURE,
)

# Numbering definitions: num 1 = headings, 2 = bullets, 3 = numbered list.
NUM_HEADINGS, NUM_BULLET, NUM_NUMBER = 1, 2, 3


def _rpr(*, b=False, i=False, color=None, sz=None, caps=False, font=True) -> str:
    parts = []
    if font:
        parts.append(f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>')
    if b:
        parts.append("<w:b/><w:bCs/>")
    if i:
        parts.append("<w:i/><w:iCs/>")
    if caps:
        parts.append("<w:caps/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if sz:
        parts.append(f'<w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/>')
    parts.append(f'<w:lang w:val="{LANG}" w:eastAsia="en-US" w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _ppr(*, keep_next=False, keep_lines=False, page_break=False, num=None, tabs=(),
         before=None, after=None, line=None, ind=None, contextual=False, jc=None,
         outline=None) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    if num is not None:
        num_id, ilvl = num
        parts.append(f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    if tabs:
        parts.append("<w:tabs>" + "".join(
            f'<w:tab w:val="{v}" w:leader="{ld}" w:pos="{pos}"/>' for v, ld, pos in tabs) + "</w:tabs>")
    sp = []
    if before is not None:
        sp.append(f'w:before="{before}"')
    if after is not None:
        sp.append(f'w:after="{after}"')
    if line is not None:
        sp.append(f'w:line="{line}" w:lineRule="auto"')
    if sp:
        parts.append(f"<w:spacing {' '.join(sp)}/>")
    if ind:
        parts.append("<w:ind " + " ".join(f'w:{k}="{v}"' for k, v in ind.items()) + "/>")
    if contextual:
        parts.append("<w:contextualSpacing/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def _pstyle(sid, name, *, based="Normal", nxt=None, ppr="", rpr="", default=False, ui=None) -> str:
    head = f'<w:style w:type="paragraph" w:styleId="{sid}"' + (' w:default="1"' if default else "") + ">"
    body = f'<w:name w:val="{name}"/>'
    if based:
        body += f'<w:basedOn w:val="{based}"/>'
    if nxt:
        body += f'<w:next w:val="{nxt}"/>'
    if ui is not None:
        body += f'<w:uiPriority w:val="{ui}"/>'
    body += "<w:qFormat/>" + ppr + rpr
    return head + body + "</w:style>"


def _styles_xml() -> str:
    toc_tab = [("right", "dot", TEXT_W)]
    dark, mid, grey = "1F3864", "2E5496", "404040"
    border = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="8EA9DB"/>'
                     for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    styles = [
        _pstyle("Normal", "Normal", based=None, default=True, ui=0,
                ppr=_ppr(after=120, line=276, jc="both"), rpr=_rpr(sz=22)),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _pstyle("Heading1", "heading 1", nxt="Normal", ui=9,
                ppr=_ppr(keep_next=True, keep_lines=True, num=(NUM_HEADINGS, 0), before=480,
                         after=200, jc="left", outline=0),
                rpr=_rpr(b=True, color=dark, sz=32)),
        _pstyle("Heading2", "heading 2", nxt="Normal", ui=9,
                ppr=_ppr(keep_next=True, keep_lines=True, num=(NUM_HEADINGS, 1), before=360,
                         after=120, jc="left", outline=1),
                rpr=_rpr(b=True, color=mid, sz=26)),
        _pstyle("Heading3", "heading 3", nxt="Normal", ui=9,
                ppr=_ppr(keep_next=True, keep_lines=True, num=(NUM_HEADINGS, 2), before=240,
                         after=120, jc="left", outline=2),
                rpr=_rpr(b=True, color=mid, sz=23)),
        _pstyle("Title", "Title", nxt="Normal", ui=10,
                ppr=_ppr(before=2400, after=480, line=240, jc="center"),
                rpr=_rpr(b=True, color=dark, sz=48)),
        _pstyle("Subtitle", "Subtitle", nxt="Normal", ui=11,
                ppr=_ppr(after=240, jc="center"), rpr=_rpr(color=grey, sz=30)),
        _pstyle("TitlePageInfo", TITLE_INFO, ppr=_ppr(after=80, jc="center"),
                rpr=_rpr(color=grey, sz=22)),
        _pstyle("Caption", "caption", nxt="Normal", ui=35,
                ppr=_ppr(keep_next=True, keep_lines=True, before=240, after=80, jc="left"),
                rpr=_rpr(b=True, color=dark, sz=20)),
        _pstyle("Zrodlo", SOURCE, nxt="Normal",
                ppr=_ppr(before=60, after=240, line=240, jc="left"),
                rpr=_rpr(i=True, color=grey, sz=17)),
        _pstyle("Wykres", FIGURE, ppr=_ppr(keep_next=True, keep_lines=True, after=0, line=240,
                                           jc="center"), rpr=_rpr()),
        _pstyle("TekstTabeli", TABLE_TEXT, ppr=_ppr(before=20, after=20, line=240, jc="left"),
                rpr=_rpr(sz=18)),
        _pstyle("NaglowekTabeli", TABLE_HEADING, based="TekstTabeli",
                ppr=_ppr(keep_next=True, jc="left"), rpr=_rpr(b=True, sz=18)),
        _pstyle("LiczbaTabeli", TABLE_NUMBER, based="TekstTabeli", ppr=_ppr(jc="right"),
                rpr=_rpr(sz=18)),
        _pstyle("ListBullet", "List Bullet", ui=36,
                ppr=_ppr(num=(NUM_BULLET, 0), after=60, contextual=True, jc="left"), rpr=_rpr()),
        _pstyle("ListNumber", "List Number", ui=36,
                ppr=_ppr(num=(NUM_NUMBER, 0), after=60, contextual=True, jc="left"), rpr=_rpr()),
        _pstyle("TOCHeading", "TOC Heading", nxt="Normal", ui=39,
                ppr=_ppr(keep_next=True, keep_lines=True, before=480, after=200, jc="left",
                         outline=9),
                rpr=_rpr(b=True, color=dark, sz=32)),
        _pstyle("TOC1", "toc 1", nxt="Normal", ui=39,
                ppr=_ppr(tabs=toc_tab, before=120, after=40, jc="left",
                         ind={"left": 567, "hanging": 567}),
                rpr=_rpr(b=True)),
        _pstyle("TOC2", "toc 2", nxt="Normal", ui=39,
                ppr=_ppr(tabs=toc_tab, after=40, jc="left", ind={"left": 1276, "hanging": 709}),
                rpr=_rpr()),
        _pstyle("TOC3", "toc 3", nxt="Normal", ui=39,
                ppr=_ppr(tabs=toc_tab, after=40, jc="left", ind={"left": 2126, "hanging": 850}),
                rpr=_rpr(sz=20)),
        _pstyle("TableofFigures", "table of figures", nxt="Normal", ui=99,
                ppr=_ppr(tabs=toc_tab, after=40, jc="left", ind={"left": 1134, "hanging": 1134}),
                rpr=_rpr()),
        _pstyle("Header", "header", ui=99,
                ppr=_ppr(tabs=[("center", "none", TEXT_W // 2), ("right", "none", TEXT_W)],
                         after=0, line=240, jc="left"),
                rpr=_rpr(color="595959", sz=16)),
        _pstyle("Footer", "footer", ui=99,
                ppr=_ppr(after=0, line=240, jc="center"), rpr=_rpr(color="595959", sz=16)),
        _pstyle("OznaczenieDokumentu", HEADER_MARK, based="Header",
                ppr=_ppr(after=0, jc="right"), rpr=_rpr(b=True, color="C00000", sz=16)),
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>',
        '<w:style w:type="table" w:styleId="TabelaStrategii">'
        f'<w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        f'<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>'
        f'{_rpr(sz=18)}'
        f'<w:tblPr><w:tblBorders>{border}</w:tblBorders><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
        '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
        '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/><w:vAlign w:val="bottom"/></w:tcPr>'
        '</w:tblStylePr></w:style>',
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault>{_rpr(sz=22)}</w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
    )
    return (f'<w:styles xmlns:w="{W_NS}">' + defaults + "".join(styles) + "</w:styles>")


def _lvl(ilvl, fmt, text, *, style=None, left=0, hanging=0, font=None) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    rpr = (f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'
           if font else "")
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>{rpr}</w:lvl>')


def _numbering_xml() -> str:
    heading_lvls = [
        _lvl(0, "decimal", "%1", style="Heading1", left=567, hanging=567),
        _lvl(1, "decimal", "%1.%2", style="Heading2", left=709, hanging=709),
        _lvl(2, "decimal", "%1.%2.%3", style="Heading3", left=851, hanging=851),
    ] + [_lvl(i, "decimal", ".".join(f"%{k + 1}" for k in range(i + 1)), left=851 + 142 * i,
              hanging=851 + 142 * i) for i in range(3, 9)]
    bullet_lvls = [_lvl(i, "bullet", "•" if i % 2 == 0 else "–", style="ListBullet" if i == 0 else None,
                        left=357 * (i + 1), hanging=357, font=FONT) for i in range(9)]
    number_lvls = [_lvl(0, "decimal", "%1.", style="ListNumber", left=357, hanging=357)] + [
        _lvl(i, "lowerLetter" if i % 2 else "decimal", f"%{i + 1})", left=357 * (i + 1), hanging=357)
        for i in range(1, 9)]

    def abstract(aid, nsid, kind, lvls):
        return (f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{nsid}"/>'
                f'<w:multiLevelType w:val="{kind}"/>' + "".join(lvls) + "</w:abstractNum>")

    return (f'<w:numbering xmlns:w="{W_NS}">'
            + abstract(0, "5A1C0001", "multilevel", heading_lvls)
            + abstract(1, "5A1C0002", "hybridMultilevel", bullet_lvls)
            + abstract(2, "5A1C0003", "hybridMultilevel", number_lvls)
            + "".join(f'<w:num w:numId="{n}"><w:abstractNumId w:val="{n - 1}"/></w:num>'
                      for n in (NUM_HEADINGS, NUM_BULLET, NUM_NUMBER))
            + "</w:numbering>")


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><Application>strategy</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def _replace_children(target, source_xml: str) -> None:
    source = parse_xml(source_xml)
    for child in list(target):
        target.remove(child)
    for child in list(source):
        target.append(child)


def _tidy_settings(doc) -> None:
    settings = doc.settings.element
    q = "{%s}" % W_NS
    for tag in ("rsids", "proofState", "attachedTemplate"):
        for el in settings.findall(q + tag):
            settings.remove(el)
    lang = settings.find(q + "themeFontLang")
    if lang is not None:
        lang.set(q + "val", LANG)
        lang.attrib.pop(q + "eastAsia", None)
    for tag, val in (("decimalSymbol", ","), ("listSeparator", ";")):
        el = settings.find(q + tag)
        if el is not None:
            el.set(q + "val", val)


def build_reference_docx(path: str | Path) -> Path:
    """Write the reference template to ``path`` and return the path.

    Starts from python-docx's blank document, replaces its styles and numbering with ours,
    drops parts that would only add noise (thumbnail, styles-with-effects, custom XML) and sets
    A4 portrait with our margins. Output is deterministic (see :mod:`.package`).
    """
    doc = docx.Document()
    _replace_children(doc.styles.element, _styles_xml())
    _replace_children(doc.part.numbering_part.element, _numbering_xml())
    for rel in list(doc.part.rels.values()):
        if rel.reltype == RT.CUSTOM_XML or rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rel.rId)
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:  # drop the blank template's stale statistics
            app = (rel.target_part.partname, rel.target_part.content_type)
    replace_package_part(doc.part.package, RT.EXTENDED_PROPERTIES, *app, _APP_XML.encode("utf-8"))
    _tidy_settings(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != "{%s}sectPr" % W_NS:
            body.remove(child)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Twips(PAGE_W), Twips(PAGE_H)
    sec.left_margin, sec.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    sec.top_margin, sec.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    sec.header_distance, sec.footer_distance = Twips(HEADER_DIST), Twips(FOOTER_DIST)
    sec.gutter = Twips(0)
    cp = doc.core_properties
    cp.title = "Szablon dokumentów strategii"
    cp.author = cp.last_modified_by = ""
    cp.comments = ""
    cp.language = LANG
    cp.created = cp.modified = FIXED_DATE
    cp.revision = 1
    return write_docx(doc, path)


def reference_path() -> Path:
    """Return the path of the reference template shipped with the package."""
    return Path(str(resources.files("strategy") / "data" / "reference.docx"))
