"""Registration of the public site's privacy rules (`home.privacy`) with Wagtail's serving hooks."""

from wagtail import hooks

from home.privacy import staff_only_where_login_restricted


@hooks.register("before_serve_page")
def login_restricted_pages_are_for_staff(page, request, serve_args, serve_kwargs):
    return staff_only_where_login_restricted(page.get_view_restrictions(), request)


@hooks.register("before_serve_document")
def login_restricted_documents_are_for_staff(document, request):
    return staff_only_where_login_restricted(document.collection.get_view_restrictions(), request)
