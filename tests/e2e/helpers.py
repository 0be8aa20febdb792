from playwright.sync_api import expect


def log_in(page, base, email, password, next_url="/"):
    """Log in through the login form and land on `next_url`."""
    page.context.clear_cookies()
    page.goto(f"{base}/account/inloggen/?next={next_url}")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(base + next_url)
