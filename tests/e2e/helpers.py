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
