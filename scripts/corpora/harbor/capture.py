"""Turn a born-digital PDF into what a client uploads: a flatbed scan or a phone photo."""

from __future__ import annotations

import io
import math
import random
import time

from PIL import Image, ImageChops, ImageDraw, ImageFilter

WHITE = 255
FIXED_TIME = time.struct_time((2026, 1, 1, 0, 0, 0, 3, 1, 0))  # PDF dates: same bytes every run


def rasterize(pdf: bytes, dpi: float, *, gray: bool) -> list[Image.Image]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        out = []
        for page in doc:
            img = page.render(scale=dpi / 72, grayscale=gray).to_pil()
            out.append(img.convert("L" if gray else "RGB"))
            page.close()
        return out
    finally:
        doc.close()


def _noise(img: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    """Zero-mean sensor noise drawn from `rng` (Image.effect_noise is not seedable)."""
    noise = Image.frombytes("L", img.size, rng.randbytes(img.size[0] * img.size[1]))
    half = sigma * math.sqrt(3)  # a uniform spread with this standard deviation
    noise = noise.point(lambda v: int(128 + (v - 127.5) * half / 127.5))
    if img.mode == "RGB":
        noise = Image.merge("RGB", [noise] * 3)
    return ImageChops.add(img, noise, scale=1.0, offset=-128)


def _jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    return out


def scan_page(img: Image.Image, rng: random.Random) -> Image.Image:
    """Flatbed look: paper tone, skew within 1.5 degrees, blur, sensor noise, dust, JPEG."""
    tone = rng.randint(228, 248)
    ink = rng.randint(0, 40)
    img = img.point(lambda v: ink + v * (tone - ink) // 255) if img.mode == "L" else \
        Image.merge("RGB", [c.point(lambda v: ink + v * (tone - ink) // 255) for c in img.split()])
    angle = rng.uniform(0.25, 1.5) * rng.choice([-1, 1])
    fill = tone if img.mode == "L" else (tone, tone, tone - 6)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=fill)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.35, 0.8)))
    img = _noise(img, rng.uniform(6, 16), rng)
    draw = ImageDraw.Draw(img)
    w, h = img.size
    for _ in range(rng.randint(15, 80)):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 1, 1, 2])
        shade = rng.randint(40, 140)
        draw.ellipse([x - r, y - r, x + r, y + r],
                     fill=shade if img.mode == "L" else (shade,) * 3)
    if rng.random() < 0.4:  # the dark strip a lid leaves at one edge
        edge = rng.randint(6, 20)
        draw.rectangle([0, 0, w, edge] if rng.random() < 0.5 else [w - edge, 0, w, h],
                       fill=rng.randint(60, 120) if img.mode == "L" else (90, 90, 90))
    return _jpeg_roundtrip(img, rng.randint(50, 80))


def save_scan(pages: list[Image.Image], stem: str, fmt: str, dpi: int) -> list[tuple[str, bytes]]:
    """Files (suffix, bytes) in page order for one scanned notice."""
    if fmt == "pdf":
        buf = io.BytesIO()
        pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=dpi,
                      creationDate=FIXED_TIME, modDate=FIXED_TIME, producer="flatbed scanner")
        return [(f"{stem}.pdf", buf.getvalue())]
    if fmt == "tiff":
        buf = io.BytesIO()
        pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:],
                      compression="tiff_lzw", dpi=(dpi, dpi))
        return [(f"{stem}.tiff", buf.getvalue())]
    out = []
    for i, page in enumerate(pages, 1):
        buf = io.BytesIO()
        if fmt == "jpg":
            page.save(buf, "JPEG", quality=82, dpi=(dpi, dpi))
        else:
            page.save(buf, "PNG", dpi=(dpi, dpi), optimize=False)
        out.append((f"{stem}-p{i}.{fmt}", buf.getvalue()))
    return out


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [[*row[:], b[i]] for i, row in enumerate(a)]
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
    """Coefficients mapping output (dst) points to input (src) points, for Image.transform."""
    a, b = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return _solve(a, b)


def _background(size: tuple[int, int], rng: random.Random) -> Image.Image:
    full = size
    w, h = size[0] // 4, size[1] // 4  # drawn small and scaled up: it is blurred anyway
    base = rng.choice([(120, 84, 52), (92, 92, 96), (150, 128, 100), (48, 52, 60),
                       (175, 170, 160), (110, 70, 40)])
    img = Image.new("RGB", (w, h), base)
    draw = ImageDraw.Draw(img)
    if rng.random() < 0.6:  # wood grain / fabric lines
        for _ in range(rng.randint(30, 80)):
            y = rng.randrange(h)
            d = rng.randint(-18, 18)
            col = tuple(max(0, min(255, c + d)) for c in base)
            draw.line([(0, y), (w, y + rng.randint(-10, 10))], fill=col, width=rng.randint(1, 3))
    img = img.filter(ImageFilter.GaussianBlur(1)).resize(full, Image.BILINEAR)
    return img


def _light(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A multiplicative light map: a gradient from one side and, often, a soft shadow."""
    full = size
    w, h = max(8, size[0] // 8), max(8, size[1] // 8)  # smooth: computed small, scaled up
    lo, hi = rng.randint(150, 200), 255
    ang = rng.uniform(0, 2 * math.pi)
    ux, uy = math.cos(ang), math.sin(ang)
    span = abs(ux) * w + abs(uy) * h
    x0 = min(0, ux * w) + min(0, uy * h)
    grad = Image.new("L", (w, h))
    grad.putdata([int(lo + (hi - lo) * ((ux * x + uy * y) - x0) / span)
                  for y in range(h) for x in range(w)])
    if rng.random() < 0.7:
        shadow = Image.new("L", (w, h), 255)
        d = ImageDraw.Draw(shadow)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        rx, ry = rng.uniform(0.25, 0.6) * w, rng.uniform(0.2, 0.5) * h
        d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=rng.randint(150, 200))
        shadow = shadow.filter(ImageFilter.GaussianBlur(w / 12))
        grad = ImageChops.multiply(grad, shadow)
    return grad.resize(full, Image.BILINEAR)


def photo_page(img: Image.Image, rng: random.Random) -> Image.Image:
    """Phone-photo look: the sheet on a table, in perspective, under uneven light."""
    page = img.convert("RGB")
    pw, ph = page.size
    margin_x, margin_y = rng.uniform(0.07, 0.14), rng.uniform(0.05, 0.11)
    cw, ch = int(pw * (1 + 2 * margin_x)), int(ph * (1 + 2 * margin_y))
    canvas = _background((cw, ch), rng)
    ox, oy = pw * margin_x, ph * margin_y
    jx, jy = 0.025, 0.01  # corner jitter (fractions of the page): perspective, not a big tilt
    rot = math.radians(rng.uniform(-1.8, 1.8))
    cx, cy = cw / 2, ch / 2
    corners = [(ox, oy), (ox + pw, oy), (ox + pw, oy + ph), (ox, oy + ph)]
    dst = []
    for x, y in corners:
        x += rng.uniform(-jx, jx) * pw
        y += rng.uniform(-jy, jy) * ph
        dx, dy = x - cx, y - cy
        dst.append((cx + dx * math.cos(rot) - dy * math.sin(rot),
                    cy + dx * math.sin(rot) + dy * math.cos(rot)))
    # keystone: the far edge a little narrower than the near one
    squeeze = rng.uniform(0.0, 0.05) * pw
    dst[0] = (dst[0][0] + squeeze, dst[0][1])
    dst[1] = (dst[1][0] - squeeze, dst[1][1])
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = _perspective_coeffs(dst, src)
    # One warp of the sheet with an alpha channel: the alpha is the paste mask.
    warped = page.convert("RGBA").transform((cw, ch), Image.PERSPECTIVE, coeffs,
                                            resample=Image.BILINEAR)
    canvas.paste(warped, (0, 0), warped)
    light = _light((cw, ch), rng)
    canvas = Image.merge("RGB", [ImageChops.multiply(c, light) for c in canvas.split()])
    tint = rng.choice([(255, 248, 235), (250, 250, 255), (255, 242, 225), (255, 255, 255)])
    canvas = Image.merge("RGB", [c.point(lambda v, t=t: v * t // 255)
                                 for c, t in zip(canvas.split(), tint, strict=True)])
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.0)))
    canvas = _noise(canvas, rng.uniform(5, 12), rng)
    return canvas


def save_photos(pages: list[Image.Image], stem: str, rng: random.Random,
                *, png: bool = False) -> list[tuple[str, bytes]]:
    out = []
    for i, page in enumerate(pages, 1):
        buf = io.BytesIO()
        if png:
            page.save(buf, "PNG")
            out.append((f"{stem}-p{i}.png", buf.getvalue()))
        else:
            page.save(buf, "JPEG", quality=rng.randint(72, 90))
            out.append((f"{stem}-p{i}.jpg", buf.getvalue()))
    return out


def desk_photo(rng: random.Random) -> Image.Image:
    """A photo of a desk with no letter on it: a laptop, a mug, a pen, a plant. No text."""
    w, h = 1600, 1200
    img = _background((w, h), rng)
    d = ImageDraw.Draw(img)
    lx, ly = rng.randint(150, 500), rng.randint(120, 350)
    d.rounded_rectangle([lx, ly, lx + 760, ly + 480], radius=18, fill=(45, 45, 50))
    d.rounded_rectangle([lx + 30, ly + 30, lx + 730, ly + 450], radius=6,
                        fill=rng.choice([(30, 60, 110), (20, 20, 24), (70, 110, 150)]))
    d.rounded_rectangle([lx - 40, ly + 490, lx + 800, ly + 560], radius=12, fill=(170, 170, 175))
    mx, my = rng.randint(1100, 1400), rng.randint(200, 700)
    d.ellipse([mx - 90, my - 90, mx + 90, my + 90], fill=rng.choice([(200, 60, 50),
                                                                     (240, 240, 235),
                                                                     (60, 120, 80)]))
    d.ellipse([mx - 65, my - 65, mx + 65, my + 65], fill=(70, 40, 25))
    d.line([(rng.randint(100, 700), 1050), (rng.randint(700, 1100), 980)], fill=(20, 30, 120),
           width=10)
    px, py = rng.randint(1150, 1450), rng.randint(850, 1050)
    for _ in range(9):
        ang = rng.uniform(0, 2 * math.pi)
        d.ellipse([px + 70 * math.cos(ang) - 40, py + 70 * math.sin(ang) - 25,
                   px + 70 * math.cos(ang) + 40, py + 70 * math.sin(ang) + 25],
                  fill=(50, rng.randint(110, 160), 60))
    d.ellipse([px - 45, py - 45, px + 45, py + 45], fill=(150, 90, 60))
    if rng.random() < 0.6:  # a blank sticky note
        sx, sy = rng.randint(80, 300), rng.randint(850, 1000)
        d.rectangle([sx, sy, sx + 150, sy + 150], fill=(245, 230, 110))
    light = _light((w, h), rng)
    img = Image.merge("RGB", [ImageChops.multiply(c, light) for c in img.split()])
    return _noise(img.filter(ImageFilter.GaussianBlur(1.2)), 8, rng)
