package com.cerby.scimtoken.console;

import org.openqa.selenium.WebElement;

/** The local-mode "Sign in (local mode)" form, the same on the console page and the phone page. */
final class SignInForm {

    static final String NAME = "Sign in (local mode)";

    private SignInForm() {
    }

    /** Fills in User, Workspace, Role (by its label) and Email, then presses Sign in. */
    static void submit(Browser browser, String user, String workspace, String role, String email) {
        WebElement form = browser.waitFor(driver -> Accessible.named(driver, "form", NAME).orElse(null));
        ConsolePage.type(form, "User", user);
        ConsolePage.type(form, "Workspace", workspace);
        ConsolePage.choose(form, "Role", role);
        ConsolePage.type(form, "Email", email);
        ConsolePage.click(form, "button", "Sign in");
    }
}
