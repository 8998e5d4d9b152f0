"""Who may see and do what, decided once: the viewer, the readable rows per entity and the one gate.

- ``viewer``: the principal a read or write is made for (tenant, role or scopes, organisation).
- ``readable``: per entity, the rows a viewer may see (the tenant by RLS, the matrix's category, own
  organisation where the matrix says so). Every list, look-up, nested field, timeline, export and
  mutation payload starts from it; the rules themselves live beside their models
  (``domain/<package>/reading.py``) and register here.
- ``listing``: one filter / order / keyset-page helper for every list.
- ``gate``: ``Gate.authorize(category, action)``, the one "may they?" for reads, writes and REST.
"""
