"""The HTTP API over the event store (`chronicle serve`): FastAPI routes, one writer thread, streamed exports."""

from chronicle.api.app import MAX_BODY, Settings, create_app

__all__ = ["MAX_BODY", "Settings", "create_app"]
