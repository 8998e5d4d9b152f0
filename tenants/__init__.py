"""Tenancy kernel: settings, database engines, tenant context, the RLS convention and the tenant registry.

`domain` may import from here; nothing here imports `domain` or `api`.
"""
