"""The Word draft is laid out as an official document (GB/T 9704-2012)."""

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from yuyang_union.summary.official_document import add_body, add_heading, official_document


@pytest.fixture
def document():
    draft = official_document(title="工作综述数据稿", subtitle="（2015年1月1日至2022年12月31日）")
    add_heading(draft, 1, "思想政治引领")
    add_body(draft, "2015年以来，共推荐评选出全国劳动模范1名。")
    add_heading(draft, 2, "服务发展大局")
    buffer = io.BytesIO()
    draft.save(buffer)
    return Document(io.BytesIO(buffer.getvalue()))  # as Word reads it back


def close_to(length, expected):
    return abs(length - expected) <= Mm(0.5)


def test_a4_with_the_standard_margins(document):
    section = document.sections[0]
    assert close_to(section.page_width, Mm(210))
    assert close_to(section.page_height, Mm(297))
    assert close_to(section.top_margin, Mm(37))
    assert close_to(section.left_margin, Mm(28))
    # The text block is 156 x 225 mm.
    assert close_to(section.page_width - section.left_margin - section.right_margin, Mm(156))
    assert close_to(section.page_height - section.top_margin - section.bottom_margin, Mm(225))


def east_asian_font(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_body_in_fangsong_size_three_on_a_22_line_grid(document):
    normal = document.styles["Normal"]
    assert east_asian_font(normal) == "仿宋"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    lines = Mm(225) / normal.paragraph_format.line_spacing
    assert round(lines) == 22
    assert normal.paragraph_format.first_line_indent == Pt(32)  # two characters


def test_title_in_xiaobiaosong_and_headings_in_heiti_numbered(document):
    title = document.paragraphs[0]
    assert title.text == "工作综述数据稿"
    assert east_asian_font(title.style) == "方正小标宋简体"
    assert title.style.font.size == Pt(22)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.element.pPr.find(qn("w:pBdr")) is None  # no rule under the title
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings] == ["一、思想政治引领", "二、服务发展大局"]
    assert east_asian_font(headings[0].style) == "黑体"
    assert not headings[0].style.font.bold
    assert headings[0].style.font.color.rgb == (0, 0, 0)


def test_page_numbers_between_dashes_odd_right_even_left(document):
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        assert paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")
        instructions = paragraph._p.findall(".//" + qn("w:instrText"))
        assert [i.text.strip() for i in instructions] == ["PAGE"]
        fonts = paragraph.runs[0].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "宋体"
        assert paragraph.runs[0].font.size == Pt(14)


def test_marked_as_chinese(document):
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(".//" + qn("w:lang"))
    assert language.get(qn("w:eastAsia")) == "zh-CN"
