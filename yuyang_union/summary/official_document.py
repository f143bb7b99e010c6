"""A Word document laid out as a Chinese official document (GB/T 9704-2012, 党政机关公文格式).

What the standard fixes and this module applies:
- A4 paper; top margin 37 mm, binding (left) margin 28 mm, a text block of 156 × 225 mm, so
  right 26 mm and bottom 35 mm;
- body in 3号仿宋 (16 pt), 22 lines a page (exact line spacing of 225 mm / 22), each paragraph
  indented two characters;
- the title in 2号小标宋 (22 pt), centred; first-level headings in 3号黑体 numbered 一、二、…;
- page numbers in 4号 (14 pt) 宋体 Arabic figures between dashes ("— 1 —"), 7 mm under the text
  block, odd pages on the right and even pages on the left, each one character in.

Word and WPS pick the font for Chinese from `w:eastAsia` only (python-docx sets the Latin
font): every style here names both.
"""

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

BODY_FONT = "仿宋"  # FangSong: shipped with Windows and WPS
HEADING_FONT = "黑体"  # SimHei
TITLE_FONT = "方正小标宋简体"  # the standard's title face, on every government office desktop
PAGE_NUMBER_FONT = "宋体"  # SimSun
LATIN_FONT = "Times New Roman"

BODY_SIZE = Pt(16)  # 3号
TITLE_SIZE = Pt(22)  # 2号
PAGE_NUMBER_SIZE = Pt(14)  # 4号
# 22 lines in the 225 mm text block.
LINE_PITCH = Pt(225 / 22 * 72 / 25.4)
CHINESE_NUMERALS = "一二三四五六七八九十"


def set_fonts(
    style_or_run: ParagraphStyle | Run, *, chinese: str, size: Pt, bold: bool = False
) -> None:
    """Latin and Chinese faces, size and weight; theme fonts (which win over named ones in
    the default template's headings) are dropped."""
    font = style_or_run.font
    font.name = LATIN_FONT
    font.size = size
    font.bold = bold
    font.italic = False
    font.color.rgb = RGBColor(0, 0, 0)
    r_pr = style_or_run.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, r_fonts)
    r_fonts.set(qn("w:eastAsia"), chinese)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        r_fonts.attrib.pop(qn(theme), None)


def _plain_paragraphs(style: ParagraphStyle, *, line_spacing: Pt = LINE_PITCH) -> None:
    """No space around paragraphs and exact line spacing: the 22-line grid."""
    paragraph_format = style.paragraph_format
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = line_spacing
    # The default template's Title has a bottom border: an official title has none.
    p_pr = style.element.get_or_add_pPr()
    border = p_pr.find(qn("w:pBdr"))
    if border is not None:
        p_pr.remove(border)


def _lay_out_page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    # The number's line sits 7 mm under the text block's lower edge.
    section.footer_distance = Mm(35 - 7) - PAGE_NUMBER_SIZE


def _page_number_field(paragraph: Paragraph) -> None:
    """ "— N —" with N a PAGE field, which Word and WPS fill in on every page."""

    def run(text: str = "") -> Run:
        added = paragraph.add_run(text)
        set_fonts(added, chinese=PAGE_NUMBER_FONT, size=PAGE_NUMBER_SIZE)
        return added

    def field_char(kind: str) -> None:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run()._r.append(char)

    run("— ")
    field_char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run()._r.append(instruction)
    field_char("separate")
    run("1")  # shown until the reader's program updates the field
    field_char("end")
    run(" —")


def _page_numbers(document: DocumentObject) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        # One character in from the edge of the text block.
        if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
            paragraph.paragraph_format.right_indent = PAGE_NUMBER_SIZE
        else:
            paragraph.paragraph_format.left_indent = PAGE_NUMBER_SIZE
        _page_number_field(paragraph)


def _mark_chinese(document: DocumentObject) -> None:
    """Spell-check and line breaking as Chinese."""
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    r_pr = r_pr.find(qn("w:rPr"))
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.append(language)
    language.set(qn("w:eastAsia"), "zh-CN")


def official_document(*, title: str, subtitle: str = "") -> DocumentObject:
    """A new document laid out by GB/T 9704, holding the title (and a subtitle under it, in
    parentheses as a report's date line is)."""
    from docx import Document

    document = Document()
    _lay_out_page(document)
    _mark_chinese(document)
    styles = document.styles
    normal = styles["Normal"]
    set_fonts(normal, chinese=BODY_FONT, size=BODY_SIZE)
    _plain_paragraphs(normal)
    normal.paragraph_format.first_line_indent = BODY_SIZE * 2
    heading = styles["Heading 1"]
    set_fonts(heading, chinese=HEADING_FONT, size=BODY_SIZE)
    _plain_paragraphs(heading)
    heading.paragraph_format.first_line_indent = BODY_SIZE * 2
    title_style = styles["Title"]
    set_fonts(title_style, chinese=TITLE_FONT, size=TITLE_SIZE)
    _plain_paragraphs(title_style, line_spacing=Pt(35))
    title_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title_style.paragraph_format.first_line_indent = Pt(0)

    document.add_paragraph(title, style=title_style)
    if subtitle:
        line = document.add_paragraph(subtitle)
        line.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        line.paragraph_format.first_line_indent = Pt(0)
    document.add_paragraph()  # the blank line between the title block and the body
    _page_numbers(document)
    return document


def add_heading(document: DocumentObject, number: int, text: str) -> Paragraph:
    """A first-level heading: "一、…" in 黑体, on its own line."""
    return document.add_paragraph(f"{CHINESE_NUMERALS[number - 1]}、{text}", style="Heading 1")


def add_body(document: DocumentObject, text: str) -> Paragraph:
    return document.add_paragraph(text)
