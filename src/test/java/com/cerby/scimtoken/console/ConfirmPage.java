package com.cerby.scimtoken.console;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;

/** The page an email's link opens (/console/confirm.html), used as the person who opened the mail uses it. */
public final class ConfirmPage {

    static final String NAME = "Email confirmation";

    private final Browser browser;
    private final String window;

    ConfirmPage(Browser browser, String window) {
        this.browser = browser;
        this.window = window;
    }

    private WebElement page() {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "region", NAME).orElse(null));
    }

    /** The page's announcement that begins so, once it shows. */
    public String status(String beginning) {
        return browser.waitFor(driver -> {
            try {
                return Accessible.all(page(), "status").stream().map(WebElement::getText)
                        .filter(text -> text.startsWith(beginning)).findFirst().orElse(null);
            } catch (StaleElementReferenceException changedMeanwhile) {
                return null;
            }
        });
    }

    /** The code the page shows to type in the window that asked. */
    public String codeToType() {
        return browser.waitFor(driver -> Accessible.named(page(), "status",
                "If you asked for it, type this code in the window that asked").map(WebElement::getText)
                .filter(text -> !text.isBlank()).orElse(null));
    }

    public void thisWasntMe() {
        ConsolePage.click(page(), "button", "This wasn't me");
    }
}
