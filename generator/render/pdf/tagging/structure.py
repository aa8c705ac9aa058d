"""Step 2 of tagging, after the build: the structure tree, ParentTree, links, XMP and the sRGB output
intent written into the finished PDF with pikepdf (PDF/UA-1, PDF/A-2)."""

from __future__ import annotations

import io
from functools import lru_cache

from generator.render.pdf.tagging.marked import Element, Tagger


def _link_annotations(pdf, pages, tagger: Tagger, objects: dict, numbers) -> int:
    """Tie each link annotation to its Link element (OBJR, StructParent); give it a description
    (/Contents) and the print flag PDF/A asks for. Returns the next ParentTree key.

    An address wrapped over two lines has one annotation per line: each is matched to the Link
    element on its page with the same target, so the address stays one Link."""
    import pikepdf  # noqa: PLC0415 - heavy: pikepdf and ImageCms, only for the accessible PDFs

    key = len(pages)
    element: Element | None
    for index, page in enumerate(pages):
        links: list[Element] = []
        for element in tagger.marks.get(index, []):
            if element.role == "Link" and element not in links:
                links.append(element)
        annots = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") == "/Link"]
        for order, annot in enumerate(annots):
            uri = annot.get("/A", {}).get("/URI")
            target = str(uri) if uri is not None else None
            element = next((e for e in links if e.uri is not None and e.uri == target), None)
            if element is None:
                element = links[order] if order < len(links) else None
            if element is None:
                continue
            obj = objects[id(element)]
            obj.K.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=page.obj))
            annot.StructParent = key
            annot.F = 4
            annot.Contents = pikepdf.String(target.removeprefix("mailto:") if target is not None else element.role)
            numbers.append(key)
            numbers.append(obj)
            key += 1
    return key


@lru_cache(maxsize=1)
def _srgb_profile() -> bytes:
    """An sRGB ICC profile (from LittleCMS via Pillow) with a fixed creation date and no profile
    ID, so equal content still gives byte-identical PDFs."""
    from PIL import ImageCms  # noqa: PLC0415 - heavy: pikepdf and ImageCms, only for the accessible PDFs

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = (2000).to_bytes(2, "big") + (1).to_bytes(2, "big") + (1).to_bytes(2, "big") + bytes(6)
    profile[84:100] = bytes(16)
    return bytes(profile)


def finish(data: bytes, tagger: Tagger, title: str, language: str, order: list[str] | None = None) -> bytes:
    """Write the structure tree and the PDF/UA + PDF/A identification into a built PDF."""
    import pikepdf  # noqa: PLC0415 - heavy: pikepdf and ImageCms, only for the accessible PDFs

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    tree = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    pages = list(pdf.pages)

    if order:  # the reader's order of the brochure's panels, not the sheet's
        _reorder(tagger.root, order)
    objects: dict[int, pikepdf.Object] = {}

    def build(element: Element, parent) -> pikepdf.Object:
        obj = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + element.role), P=parent)
        )
        objects[id(element)] = obj
        if element.alt is not None:
            obj.Alt = pikepdf.String(element.alt)
        if element.scope:
            obj.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name("/" + element.scope))
        if element.numbering:
            obj.A = pikepdf.Dictionary(O=pikepdf.Name.List, ListNumbering=pikepdf.Name("/" + element.numbering))
        children = pikepdf.Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                children.append(build(kid, obj))
            else:
                page, mcid, _ = kid
                children.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[page].obj, MCID=mcid))
        obj.K = children
        return obj

    document = build(tagger.root, tree)
    tree.K = pikepdf.Array([document])
    numbers = pikepdf.Array()
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        page.obj.Tabs = pikepdf.Name.S
        numbers.append(index)
        numbers.append(pdf.make_indirect(pikepdf.Array([objects[id(e)] for e in tagger.marks.get(index, [])])))
    next_key = _link_annotations(pdf, pages, tagger, objects, numbers)
    tree.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=numbers))
    tree.ParentTreeNextKey = next_key
    root.StructTreeRoot = tree
    root.MarkInfo = pikepdf.Dictionary(Marked=True)
    root.Lang = pikepdf.String(language)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)

    icc = pdf.make_stream(_srgb_profile())
    icc.N = 3
    root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=icc,
            )
        ]
    )

    if "/Trapped" in pdf.docinfo:
        del pdf.docinfo["/Trapped"]  # no XMP equivalent in PDF/A-2
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        meta["dc:title"] = title
        meta["dc:language"] = {language}
        meta["pdfuaid:part"] = "1"
        meta["pdfaid:part"] = "2"
        meta["pdfaid:conformance"] = "B"
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def _reorder(element: Element, order: list[str]) -> int:
    """Sort every element's kids by the reading order of the sheet parts they were drawn in, and
    return the element's rank: its earliest part. The brochure's flap is drawn on the outside
    page but read after the inside, so text that continues from the inside onto the flap (one
    paragraph, one list) must still read inside first."""

    def rank_of(group: str) -> int:
        return order.index(group) if group in order else len(order)

    ranks = []
    for kid in element.kids:
        ranks.append(_reorder(kid, order) if isinstance(kid, Element) else rank_of(kid[2]))
    element.kids = [kid for _, kid in sorted(zip(ranks, element.kids), key=lambda pair: pair[0])]
    return min(ranks, default=rank_of(element.group))


# -- giving a story its structure ----------------------------------------------------------------
