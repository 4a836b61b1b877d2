# StepWise in one container: slim Python, a non-root user, a health check on Streamlit's endpoint.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY app.py prepare.py ./
COPY app_pages ./app_pages
COPY stepwise ./stepwise
COPY rules ./rules
COPY .streamlit ./.streamlit

RUN useradd --create-home --uid 10001 stepwise
USER stepwise

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() != b'ok')"

# Set STREAMLIT_SERVER_COOKIE_SECRET to the same value on every replica (see docs/deploy.md).
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0"]
