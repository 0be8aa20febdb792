"""The step before an action that cannot be undone: a page of its own, templates/components/confirm.html."""


def request_confirmed(request) -> bool:
    """Whether this is the POST of a confirmation form; a GET or any other POST only shows the page."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"
