"""Proof-of-payment uploads are checked like notices: by their bytes and their structure."""

from notices.limits import ACCEPT_ATTRIBUTE
from notices.uploads import CheckedUpload, storage_quota_check, upload_check
from notices.uploads import UploadRejected as ProofRejected

__all__ = ["ACCEPT_ATTRIBUTE", "ProofRejected", "proof_check", "storage_quota_check"]


def proof_check(upload) -> CheckedUpload:
    """The checked proof file, or `ProofRejected` saying what to do."""
    return upload_check(upload, what="proof")
