package com.cerby.scimtoken.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The local-mode phone page in a window of its own, used as a person uses their phone. */
public final class PhonePage {

    static final String ENROLL = "Enroll this browser as a phone";

    private final Browser browser;
    private final String window;

    private PhonePage(Browser browser, String window) {
        this.browser = browser;
        this.window = window;
    }

    /** Follows the console's "Open the phone page" link into the window it opens. */
    static PhonePage openedFrom(ConsolePage console, Browser browser) {
        return new PhonePage(browser, browser.windowOpenedBy(console::openPhonePageLink));
    }

    /** Opens the phone page by its address in a new window and signs in through its own form. */
    static PhonePage signedInDirectly(Browser browser, String baseUrl, String user, String workspace, String role) {
        browser.driver().switchTo().newWindow(WindowType.WINDOW);
        PhonePage phone = new PhonePage(browser, browser.driver().getWindowHandle());
        browser.driver().get(baseUrl + "/console/phone.html");
        SignInForm.submit(browser, user, workspace, role, "");
        return phone;
    }

    /** The page's text once it offers to enroll or says that it is enrolled. */
    public String text() {
        browser.switchTo(window);
        return browser.waitFor(driver -> {
            String text = driver.findElement(By.tagName("main")).getText();
            return text.contains(ENROLL) || text.contains("This browser is enrolled") ? text : null;
        });
    }

    /** Presses "Enroll this browser as a phone" and answers what the page announces. */
    public String enroll() {
        text();
        ConsolePage.click(browser.driver(), "button", ENROLL);
        return announcement();
    }

    /** Presses "Enroll this browser as a phone" when the user has a factor: "Confirm your identity to continue" opens. */
    public void enrollThroughConfirmation() {
        text();
        ConsolePage.click(browser.driver(), "button", ENROLL);
        confirmation();
    }

    /** What the confirmation dialog says, once it has read the ways the user has. */
    public String confirmationText() {
        WebElement dialog = confirmation();
        browser.waitFor(driver -> !dialog.getText().contains("Finding your ways"));
        return dialog.getText();
    }

    /** The number the phone page's confirmation dialog asks to type on the other phone. */
    public int numberToTypeOnThePhone() {
        WebElement dialog = confirmation();
        return Integer.parseInt(browser.waitFor(driver -> Accessible.named(dialog, "status",
                "Type this number on your phone").map(WebElement::getText).filter(text -> !text.isEmpty())
                .orElse(null)));
    }

    private WebElement confirmation() {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "dialog", ConsolePage.CONFIRM).orElse(null));
    }

    /** The request for an action ("View the SCIM token") once it is listed, as it reads. */
    public String request(String action) {
        return request0(action).getText();
    }

    /** Types the number into the request's Number field and presses Approve; answers the announcement. */
    public String approve(String action, int number) {
        WebElement request = request0(action);
        ConsolePage.type(request, "Number", String.valueOf(number));
        return decide(request, "Approve");
    }

    public String deny(String action) {
        return decide(request0(action), "Deny");
    }

    public String reportSuspicious(String action) {
        return decide(request0(action), "Report suspicious");
    }

    private String decide(WebElement request, String button) {
        ConsolePage.click(request, "button", button);
        browser.waitFor(ExpectedConditions.stalenessOf(request));
        return announcement();
    }

    private WebElement request0(String action) {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "article", action).orElse(null));
    }

    /** What the page announces (its status region), once it says something. */
    public String announcement() {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "dialog", ConsolePage.CONFIRM).isPresent() ? null
                : ConsolePage.nonEmptyText(driver, "status"));
    }
}
