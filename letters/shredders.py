"""Retention's shredder for letters: every version's PDF and packet, and their dispatches."""

from audit.retention import Matter, Shredded, Shredder, files_of
from letters.models import Dispatch, Letter, LetterVersion


class LetterShredder(Shredder):
    data_type = "letters"

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        done = Shredded()
        if matter.case is None:
            return done
        for letter in Letter.objects.filter(case=matter.case):
            versions = list(LetterVersion.objects.filter(letter=letter))
            files = [f for version in versions for f in files_of(version)]
            self.audit(
                matter.case,
                operator=operator,
                letter=str(letter.public_id),
                kind=letter.kind,
                versions=len(versions),
                files=len(files),
            )
            Dispatch.objects.filter(version__letter=letter).delete()  # protects its version
            letter.delete()
            done.rows += 1
            done.files.extend(files)
        return done
