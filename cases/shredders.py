"""Retention's shredders for a closed case: the client's documents, then the case itself."""

from audit.retention import Matter, Shredded, Shredder, files_of
from cases.models import ClientDocument, DocumentRequest


class ClientDocumentShredder(Shredder):
    """The documents the household sent for the case, and the requests that asked."""

    data_type = "client_documents"

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        done = Shredded()
        if matter.case is None:
            return done
        documents = list(ClientDocument.objects.filter(request__case=matter.case))
        for document in documents:
            done.files.extend(files_of(document))
        requests = DocumentRequest.objects.filter(case=matter.case)
        if documents or requests.exists():
            self.audit(
                matter.case,
                operator=operator,
                documents=len(documents),
                requests=requests.count(),
                files=len(done.files),
            )
        requests.delete()  # their documents go with them
        done.rows = len(documents)
        return done


class CaseShredder(Shredder):
    """The case row, with its notes and timeline (runs last: its notices, letters and
    documents are gone by then)."""

    data_type = "cases"

    def shred(self, matter: Matter, *, operator: str) -> Shredded:
        if matter.case is None:
            return Shredded()
        case = matter.case
        self.audit(
            case,
            operator=operator,
            household=str(case.client.public_id),
            closed=case.closed_at.date().isoformat() if case.closed_at else "",
            notes=case.notes.count(),
            events=case.events.count(),
        )
        case.delete()
        return Shredded(rows=1)
