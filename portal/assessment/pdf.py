"""The request letters as a PDF: each letter on its own pages, A4, text that viewers show and tools extract.

Chinese uses Adobe's STSong-Light, a CID font every PDF viewer knows (nothing is embedded, so the file stays a
few kilobytes and no font ships with the portal); English uses Helvetica.
"""

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

CHINESE_FONT = "STSong-Light"
LATIN_FONT = "Helvetica"
SIZE, LEADING, MARGIN = 11, 17, 56

pdfmetrics.registerFont(UnicodeCIDFont(CHINESE_FONT))


def wrap(line, font, width):
    """A line cut into pieces no wider than `width`: at spaces where there are any (English), else at any
    character (Chinese has no spaces between words)."""
    pieces, current = [], ""
    for token in _tokens(line):
        candidate = current + token
        if current and pdfmetrics.stringWidth(candidate, font, SIZE) > width:
            pieces.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    pieces.append(current.rstrip())
    return pieces


def _tokens(line):
    token = ""
    for char in line:
        if char == " " or ord(char) > 0x2E7F:
            if token:
                yield token
            token = ""
            yield char
        else:
            token += char
    if token:
        yield token


def letters_pdf(texts, language, title="Letters"):
    font = LATIN_FONT if language == "en" else CHINESE_FONT
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle(title)
    width, height = A4
    for text in texts:
        y = height - MARGIN
        pdf.setFont(font, SIZE)
        for raw_line in text.splitlines() or [""]:
            for line in wrap(raw_line, font, width - 2 * MARGIN):
                if y < MARGIN:
                    pdf.showPage()
                    pdf.setFont(font, SIZE)
                    y = height - MARGIN
                pdf.drawString(MARGIN, y, line)
                y -= LEADING
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
