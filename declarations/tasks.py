"""Background work of the declarations app, on the database task queue (`manage.py db_worker`)."""

from django_tasks import task

TASK_BACKEND = "db"
TASK_QUEUE = "documents"


@task(backend=TASK_BACKEND, queue_name=TASK_QUEUE)
def build_form_pdf(snapshot_id: int) -> str:
    """Draw and store a frozen snapshot's declaration form; nothing if it is already stored."""
    # Imported here: `submission` queues this task, and the form's code imports `submission`.
    from declarations.downloads import stored_form_pdf
    from declarations.models import DeclarationSnapshot

    snapshot = DeclarationSnapshot.objects.select_related("declaration").filter(pk=snapshot_id).first()
    if snapshot is None:  # removed since (its declaration was deleted)
        return ""
    return stored_form_pdf(snapshot).form_pdf_sha256


def enqueue_form_pdf(snapshot_id: int) -> None:
    """Queue the form of a snapshot just frozen; call it inside the transaction that froze it, so
    the job and the snapshot commit or roll back together."""
    build_form_pdf.enqueue(snapshot_id)
