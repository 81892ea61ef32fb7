"""Retention's shredder for notices: the rows and every file stored for them."""

from audit.retention import Matter, Shredded, Shredder, stored_files


class NoticeShredder(Shredder):
    """Each notice of the matter with its files, pages, fields, page images and
    reconciliations (rows that cascade from it); one audit row per notice."""

    data_type = "notices"

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        done = Shredded()
        for notice in matter.notices:
            files = stored_files(notice)
            self.audit(
                notice,
                operator=operator,
                household=str(notice.client.public_id),
                uploaded=notice.created_at.date().isoformat(),
                files=len(files),
            )
            notice.delete()
            done.rows += 1
            done.files.extend(files)
        return done
