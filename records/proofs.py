"""Proof-of-payment uploads are checked like notices: by their bytes, then by opening them."""

from notices.limits import ACCEPT_ATTRIBUTE
from notices.uploads import UploadRejected as ProofRejected
from notices.uploads import upload_check

__all__ = ["ACCEPT_ATTRIBUTE", "ProofRejected", "proof_check"]


def proof_check(upload) -> tuple[str, bytes]:
    """(kind, bytes) of an acceptable proof file, or `ProofRejected` saying what to do."""
    checked = upload_check(upload, what="proof", must_open=True)
    return checked.kind, checked.data
