"""Where a request comes from: the one place that reads the client's address (rate limits, audit events), so
that trusting a proxy's header, when the portal runs behind one, is decided here and nowhere else."""


def client_address(request):
    """The client's IP address, or None when the request carries none."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None
