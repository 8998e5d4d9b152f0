"""ASGI middleware of the app (pure ASGI: no buffering of bodies or responses)."""
