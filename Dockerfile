# CPU image: the gateway with the bundled int8 models.
FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY detectors ./detectors
COPY gateway ./gateway
RUN pip install . && useradd --system --uid 10001 gateway
USER gateway
ENV HOST=0.0.0.0 PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:8080/healthz'); sys.exit(0)"
CMD ["prompt-gateway", "serve", "--host", "0.0.0.0", "--port", "8080"]
