"""Run inside `manage.py shell` against another database: make a household and upload.

Used by the PostgreSQL restart test, whose worker and data live on a private cluster the
test process's own Django connection does not point at. Arguments come in the
environment (TAXHAUZ_SEED_FILES: JSON list of lists of paths, one list per notice);
prints JSON: the notice ids, in upload order.
"""

import json
import os
import sys
import uuid
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile


def main() -> None:
    from accounts.models import User
    from accounts.roles import Role
    from clients.models import Client
    from notices.services import notice_upload

    household = Client.objects.filter(primary_last_name="Restart").first()
    if household is None:
        household = Client.objects.create(
            primary_first_name="Robin",
            primary_last_name="Restart",
            primary_ssn_last4=os.environ.get("TAXHAUZ_SEED_LAST4", "1234"),
            address_line1="1 Main St",
            city="Springfield",
            state="IL",
            zip_code="62704",
            filing_status="single",
        )
    user = User.objects.filter(client=household).first() or User.objects.create_user(
        email=f"restart-{uuid.uuid4().hex[:6]}@example.test",
        password=uuid.uuid4().hex,
        full_name="Robin Restart",
        role=Role.CLIENT,
        client=household,
    )
    ids = []
    for paths in json.loads(os.environ["TAXHAUZ_SEED_FILES"]):
        files = [SimpleUploadedFile(Path(p).name, Path(p).read_bytes()) for p in paths]
        ids.append(notice_upload(actor=user, client=household, files=files).notice.pk)
    sys.stdout.write(json.dumps(ids) + "\n")
