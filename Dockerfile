# Taxhauz production image: gunicorn, Celery worker and beat all run from it.
# Build: docker build -t taxhauz .   (docker compose up --build does this)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

# Runtime libraries: OCR (tesseract), WeasyPrint (pango, harfbuzz subsetting, fonts),
# PDF tools (poppler), HEIC photos (libheif) and libmagic (the type of an upload).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        tesseract-ocr \
        tesseract-ocr-eng \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation \
        poppler-utils \
        libheif1 \
        libmagic1 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 taxhauz \
    && useradd --system --uid 10001 --gid taxhauz --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin taxhauz

WORKDIR /app

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

# The code belongs to root and is read-only for the app user.
COPY . .

# Static files are baked into the image (WhiteNoise serves them from STATIC_ROOT). The key is
# a throwaway: collectstatic needs settings to import, and production refuses to start
# without TAXHAUZ_SECRET_KEY.
RUN TAXHAUZ_SECRET_KEY=build-only-not-a-secret-collectstatic-dummy-key-0123456789 \
    DJANGO_SETTINGS_MODULE=taxhauz.settings.production \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var /var/lib/taxhauz/beat \
    && chown taxhauz:taxhauz /app/var /var/lib/taxhauz/beat \
    && chmod 0700 /app/var /var/lib/taxhauz/beat

USER taxhauz:taxhauz
ENV DJANGO_SETTINGS_MODULE=taxhauz.settings.production
EXPOSE 8000

CMD ["gunicorn", "taxhauz.wsgi:application", "--bind=0.0.0.0:8000", "--workers=3", "--access-logfile=-"]
