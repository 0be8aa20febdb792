"""How django-axes names a login attempt: the e-mail in any case counts as one, and logs name no one."""


def login_username(request, credentials) -> str | None:
    """The e-mail address of a login attempt, lower-cased, as the lockout counts it."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    value = str(value).strip().lower()[:254]
    return value or None


def login_log_label(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes in its log lines: the login page only, never an e-mail or address."""
    return f"{{path: {path_info}}}"
