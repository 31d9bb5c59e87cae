"""Which certificate authorities a TLS SIP connection trusts, found portably.

PJSIP verifies a server's certificate only against the CA list it is given (its OpenSSL, bundled
in the wheel, knows no system store). So the line hands it one: the account's own CA file when
it names one, else the system's trusted CAs as Python's ``ssl`` module finds them — the CA bundle
file where the system keeps one (Debian's ``/etc/ssl/certs/ca-certificates.crt``), else the
certificates ``ssl`` loads from the system store (Windows' ROOT and CA stores), handed over as
PEM text.
"""

from __future__ import annotations

import os
import ssl
from typing import NamedTuple

from calllist_desktop.core.line import LineError


class TrustedCas(NamedTuple):
    """One of the two is set: a PEM file's path, or PEM text."""

    file: str = ""
    pem: str = ""


def trusted_cas(ca_file: str = "") -> TrustedCas:
    """The CAs to verify a server against: ``ca_file`` when given, else the system's.

    :class:`LineError` when the system offers none (then the account needs a CA file).
    """
    if ca_file.strip():
        return TrustedCas(file=ca_file.strip())
    bundle = ssl.get_default_verify_paths().cafile
    if bundle and os.path.isfile(bundle):
        return TrustedCas(file=bundle)
    context = ssl.create_default_context()
    pem = "".join(ssl.DER_cert_to_PEM_cert(der) for der in context.get_ca_certs(binary_form=True))
    if not pem:
        raise LineError(
            "this computer offers no trusted certificate authorities to verify the SIP server's "
            "TLS certificate: name a CA certificate file in the SIP account"
        )
    return TrustedCas(pem=pem)
