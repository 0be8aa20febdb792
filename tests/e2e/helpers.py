from playwright.sync_api import expect


def log_in(page, base, email, password, next_url=None):
    """Log in through the login form; with `next_url`, land there."""
    page.context.clear_cookies()
    page.goto(f"{base}/account/inloggen/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if next_url:
        expect(page).to_have_url(base + next_url)


def rich_text(page, label):
    """The editor of the rich-text field `label`, once it runs: until then the field's textbox is
    its textarea, which the editor hides as it takes its place."""
    editor = page.locator(".rich-text-editor__content").and_(
        page.get_by_role("textbox", name=label)
    )
    expect(editor).to_be_visible()
    return editor
