"""Authentication mechanisms of the web UI and the APIs (sessions, OIDC, OAuth2, JWT).

The rules (accounts, passwords, throttling, clients, providers, the permission matrix) live in
``domain.identity``; this package turns HTTP requests into a verified ``Principal``.
"""
