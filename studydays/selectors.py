def study_day_next(*, user):
    """The next upcoming study day this user may see, or None."""
    return None


def dashboard_section(*, user):
    """This app's block on the staff dashboard, or None."""
    return None
