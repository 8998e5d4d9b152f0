"""Field encryption and blind indexes with per-city keys.

- Identity numbers, addresses and phone numbers are encrypted with AES-GCM under the tenant's
  **data key**; the associated data binds tenant, table, column and row, so a ciphertext copied to
  another row, column or city does not decrypt.
- Exact lookup uses HMAC-SHA256 under the tenant's **index key** (never a plain hash: the space of
  identity numbers is small enough to enumerate). The same person in two cities gets two unrelated
  values.
- Tenant keys are stored wrapped by a master key (``tenants.crypto.master``), so a database dump
  alone reveals nothing; destroying a tenant's keys crypto-shreds its data.

The tenant is the one in ``tenants.context``.
"""

from tenants.crypto.fields import blind_index, decrypt, encrypt

__all__ = ["blind_index", "decrypt", "encrypt"]
