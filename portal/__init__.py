"""The Django project package: settings, URLs, health check and the self-service apps."""
