def newsletter_issue_latest():
    """The newest live newsletter issue, or None."""
    return None
