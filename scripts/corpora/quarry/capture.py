"""Turn a born-digital PDF into a scan (image-only PDF, or JPEG/PNG/TIFF pages) or into phone
photos (perspective, uneven light, a margin of table around the sheet, JPEG)."""

from __future__ import annotations

import datetime as dt
import io
import random

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageDraw, ImageFilter


def rasterize(pdf: bytes, dpi: int) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            pages.append(page.render(scale=dpi / 72).to_pil().convert("RGB"))
            page.close()
        return pages
    finally:
        doc.close()


def _jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert(img.mode)


def _noise(size, sigma: float, rng: random.Random) -> Image.Image:
    """Grain centred on 128 with about `sigma` spread, seeded (Image.effect_noise is not)."""
    tile = Image.frombytes("L", (384, 384), rng.randbytes(384 * 384))
    scale = sigma / 74.0  # a uniform byte has a spread of about 74
    tile = tile.point(lambda v: max(0, min(255, int(128 + (v - 128) * scale))))
    out = Image.new("L", size)
    ox, oy = rng.randrange(384), rng.randrange(384)
    for x in range(-ox, size[0], 384):
        for y in range(-oy, size[1], 384):
            out.paste(tile, (x, y))
    return out


def scan_page(img: Image.Image, rng: random.Random) -> Image.Image:
    gray = rng.random() < 0.75
    img = img.convert("L" if gray else "RGB")
    angle = rng.uniform(-1.5, 1.5)
    fill = 255 if gray else (255, 255, 255)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=fill)
    # toner and paper: lift the blacks a little, grey the whites, add grain
    lo, hi = rng.randint(10, 45), rng.randint(228, 250)
    lut = [lo + (hi - lo) * v // 255 for v in range(256)]
    img = img.point(lut * (1 if gray else 3))
    noise = _noise(img.size, rng.uniform(6, 14), rng)
    if not gray:
        noise = noise.convert("RGB")
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.8)))
    d = ImageDraw.Draw(img)
    for _ in range(rng.randint(20, 90)):  # specks
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        r = rng.choice([1, 1, 2])
        d.ellipse([x, y, x + r, y + r], fill=0 if gray else (0, 0, 0))
    return _jpeg_roundtrip(img, rng.randint(55, 82))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        piv = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[piv] = m[piv], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                for c in range(col, n + 1):
                    m[r][c] -= f * m[col][c]
    return [m[i][n] / m[i][i] for i in range(n)]


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]):
    """Coefficients mapping output points `dst` to input points `src` (PIL's convention)."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


BACKGROUNDS = [
    (92, 64, 44),
    (150, 112, 78),
    (60, 62, 66),
    (168, 160, 150),
    (120, 124, 110),
    (35, 38, 48),
    (172, 150, 120),
]


def photo_page(img: Image.Image, rng: random.Random) -> Image.Image:
    pw, ph = img.size
    margin_x = int(pw * rng.uniform(0.07, 0.14))
    margin_y = int(ph * rng.uniform(0.06, 0.11))
    w, h = pw + 2 * margin_x, ph + 2 * margin_y
    bg = Image.new("RGB", (w, h), rng.choice(BACKGROUNDS))
    bg = ImageChops.add(bg, _noise((w, h), 10, rng).convert("RGB"), offset=-128)
    # where the sheet's corners land: a trapezoid plus a small tilt
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    k = rng.uniform(0.0, 0.05) * pw  # top edge narrower: the phone leans back
    corners = [
        (margin_x + k + j(pw * 0.02), margin_y + j(ph * 0.015)),
        (margin_x + pw - k + j(pw * 0.02), margin_y + j(ph * 0.015)),
        (margin_x + pw + j(pw * 0.025), margin_y + ph + j(ph * 0.015)),
        (margin_x + j(pw * 0.025), margin_y + ph + j(ph * 0.015)),
    ]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = _perspective_coeffs(corners, src)
    paper = img.convert("RGB")
    warped = paper.transform((w, h), Image.PERSPECTIVE, coeffs, Image.BICUBIC)
    mask = Image.new("L", (pw, ph), 255).transform(
        (w, h), Image.PERSPECTIVE, coeffs, Image.BILINEAR
    )
    # a soft shadow of the sheet on the table (blurred small, then scaled up)
    small = mask.resize((w // 8, h // 8), Image.BILINEAR)
    shadow = small.filter(ImageFilter.GaussianBlur(2.5)).point(lambda v: int(v * 0.45))
    shadow = shadow.resize((w, h), Image.BILINEAR)
    bg = Image.composite(
        Image.new("RGB", (w, h), (10, 10, 10)), bg, ImageChops.offset(shadow, 10, 14)
    )
    out = Image.composite(warped, bg, mask)
    return camera(out, rng)


def camera(out: Image.Image, rng: random.Random) -> Image.Image:
    """What a phone adds: uneven light from one side (up to ~35% darker), a colour cast,
    sensor grain and a little softness."""
    w, h = out.size
    grad = Image.linear_gradient("L").resize((2 * w, 2 * h))
    grad = grad.rotate(rng.choice([0, 90, 180, 270]) + rng.uniform(-25, 25), expand=False)
    grad = grad.crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
    dark = rng.uniform(0.62, 0.8)
    light = grad.point(lambda v: int(255 * (dark + (1 - dark) * v / 255)))
    out = ImageChops.multiply(out, Image.merge("RGB", [light] * 3))
    warm = rng.choice([(255, 246, 232), (246, 248, 255), (255, 255, 255)])
    out = ImageChops.multiply(out, Image.new("RGB", (w, h), warm))
    out = ImageChops.add(out, _noise((w, h), rng.uniform(4, 9), rng).convert("RGB"), offset=-128)
    return out.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))


def save_pdf(images: list[Image.Image], path, dpi: int, when: dt.datetime) -> None:
    """An image-only PDF; its dates are the scan's (fixed, so a seed gives the same bytes)."""
    first, rest = images[0], images[1:]
    first.save(
        path,
        "PDF",
        save_all=True,
        append_images=rest,
        resolution=dpi,
        creationDate=when.timetuple(),
        modDate=when.timetuple(),
        producer="Scanner",
    )
