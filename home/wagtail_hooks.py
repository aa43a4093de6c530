"""Registration of the public site's privacy rules (`home.privacy`) with Wagtail's serving hooks."""

from wagtail import hooks

from home.privacy import staff_only_where_login_restricted


def _needs_the_check(request) -> bool:
    # Visitors meet Wagtail's own check (the login page) and staff pass: no extra query for them.
    user = request.user
    return user.is_authenticated and not user.is_staff


@hooks.register("before_serve_page")
def login_restricted_pages_are_for_staff(page, request, serve_args, serve_kwargs):
    if _needs_the_check(request):
        return staff_only_where_login_restricted(page.get_view_restrictions(), request)
    return None


@hooks.register("before_serve_document")
def login_restricted_documents_are_for_staff(document, request):
    if _needs_the_check(request):
        return staff_only_where_login_restricted(document.collection.get_view_restrictions(), request)
    return None
