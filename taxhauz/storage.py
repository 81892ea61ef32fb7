"""Storage for taxpayer files: private by construction.

Local files sit under PRIVATE_MEDIA_ROOT, outside every served directory, and have no
public URL at all. On S3 every object is written with a private ACL and server-side
encryption, and URLs are signed for at most five minutes. Views that hand out files
check access first (see each app's selectors).
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from storages.backends.s3 import S3Storage


class PrivateFileSystemStorage(FileSystemStorage):
    """Local private storage: no base URL, so nothing can be linked to directly."""

    def __init__(self, **kwargs: object) -> None:
        kwargs["base_url"] = None
        kwargs.setdefault("file_permissions_mode", 0o600)
        kwargs.setdefault("directory_permissions_mode", 0o700)
        super().__init__(**kwargs)

    def url(self, name: str | None) -> str:
        raise NotImplementedError(
            "Private files have no public URL; serve them through an access-checked view."
        )


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    signature_version = "s3v4"  # SigV4 presigned URLs (X-Amz-Expires); SigV2 is retired on AWS
    file_overwrite = False
    object_parameters = {"ServerSideEncryption": "AES256"}

    def __init__(self, **kwargs: object) -> None:
        expire = int(kwargs.pop("querystring_expire", 300))  # type: ignore[arg-type]
        kwargs["querystring_expire"] = min(expire, 300)
        super().__init__(**kwargs)

    def url(self, name, parameters=None, expire=None, http_method=None):
        """Signed for at most five minutes, whatever the caller asks for."""
        expire = min(self.querystring_expire if expire is None else int(expire), 300)
        return super().url(name, parameters, expire, http_method)


def private_storage():
    """The storage every taxpayer document goes to."""
    return storages["private"]


def signed_url_seconds() -> int:
    return settings.TAXHAUZ_SIGNED_URL_SECONDS
