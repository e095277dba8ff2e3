"""Structured logs: one JSON object per line, each carrying the id of the request it was written in, and
nothing that identifies a borrower.

- ``RequestIdMiddleware`` (first in MIDDLEWARE) gives every request an id, returned as ``X-Request-ID`` so a
  borrower's "reference for support" and an operator's log line meet; behind trusted proxies, a well-formed id
  the proxy sent is kept, so the load balancer's log and ours agree. It writes one access line per request:
  method, the URL pattern (not the path: paths hold request references and draft codes), the view, status and
  duration. No query string (search queries are what people typed), no address, no user.
- ``JsonFormatter`` writes the records. Only the portal's own loggers (``portal.*``, whose messages are
  reviewed to hold no personal data) are written with their arguments; every other library's message is
  written as its template alone: Django's request loggers put the path into theirs ("Not Found:
  /accounts/me/requests/482-913-0571/"), and a library's warning may quote an email address. An
  exception is written as its type and its stack (file, line, function), never its message, which may quote
  what someone typed (a database error quotes the row).
"""

import contextvars
import http
import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime

from django.conf import settings

_request_id = contextvars.ContextVar("request_id", default=None)
ACCESS_LOGGER = logging.getLogger("portal.access")
INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")
OWN_LOGGERS = "portal."
HTTP_PHRASES = {status.value: status.phrase for status in http.HTTPStatus}
ACCESS_FIELDS = ("method", "route", "view", "status", "duration_ms")


def current_request_id():
    return _request_id.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.request_id = self._incoming(request) or uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log_access(request, response.status_code, started)
            return response
        finally:
            _request_id.reset(token)

    @staticmethod
    def _incoming(request):
        # Only a proxy we trust may name the request; otherwise anyone could write into our logs.
        value = request.headers.get("X-Request-ID", "")
        if settings.TRUSTED_PROXY_COUNT > 0 and INCOMING_ID.fullmatch(value):
            return value
        return None

    @staticmethod
    def _log_access(request, status, started):
        match = getattr(request, "resolver_match", None)
        ACCESS_LOGGER.info(
            "request",
            extra={
                "method": request.method if request.method in KNOWN_METHODS else "OTHER",
                "route": match.route if match else None,
                "view": match.view_name if match else None,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )


KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": self._message(record),
            # Django logs a 4xx or 5xx answer after the middleware has finished, with the request attached.
            "request_id": getattr(getattr(record, "request", None), "request_id", None)
            or current_request_id(),
        }
        for field in ACCESS_FIELDS:
            if hasattr(record, field):
                entry[field] = getattr(record, field)
        status = getattr(record, "status_code", None)
        if isinstance(status, int):
            entry["status"] = status
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, stack = record.exc_info
            entry["exception"] = kind.__name__
            entry["stack"] = [
                f"{frame.filename}:{frame.lineno} {frame.name}" for frame in traceback.extract_tb(stack)
            ]
        return json.dumps(entry, ensure_ascii=False)

    @staticmethod
    def _message(record):
        if record.name.startswith(OWN_LOGGERS):
            return record.getMessage()
        status = getattr(record, "status_code", None)
        if record.name == "django.request" and status in HTTP_PHRASES:
            return HTTP_PHRASES[status]
        # The template, without what was filled in: "Not Found: %s" is written "Not Found".
        return re.sub(r"\s*\(?%[-#0 +]*\d*(?:\.\d+)?[sdrifx]\)?:?", "", str(record.msg)).strip(" :")
