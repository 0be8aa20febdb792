def dashboard_section(*, user):
    """This app's block on the staff dashboard, or None."""
    return None
