package com.cerby.scimtoken.console;

import java.net.URL;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The Directory Sync console, used as a person uses it: by the names of its buttons, fields and dialogs. Every
 * step waits (boundedly) for what the page shows next.
 */
public final class ConsolePage {

    static final String CONFIRM = "Confirm your identity to continue";
    static final String SHOW_TOKEN = "Show Token";
    static final String ROTATE = "Rotate token";
    static final String REVOKE = "Revoke token";
    static final String PASSKEYS = "Passkeys";
    static final String SIGN_IN_METHODS = "Sign-in methods";
    static final String RECOVERY_CODES = "Save your recovery codes";

    private final Browser browser;
    private final String window;

    private ConsolePage(Browser browser) {
        this.browser = browser;
        this.window = browser.driver().getWindowHandle();
    }

    /** The console in the test's host page, mounted the way a web app mounts it, with the JWT the test minted. */
    static ConsolePage inHostPage(Browser browser, URL hostPage, String workspaceId, String jwt) {
        return inHostPage(browser, hostPage, workspaceId, jwt, java.util.Map.of());
    }

    /**
     * The console in the test's host page with the host's options: "theme" (custom properties the host sets on an
     * ancestor of the mount element) and "messages" (mount's overrides by key).
     */
    static ConsolePage inHostPage(Browser browser, URL hostPage, String workspaceId, String jwt,
            java.util.Map<String, ?> options) {
        browser.driver().get(hostPage.toString());
        browser.waitFor(driver -> ((JavascriptExecutor) driver).executeScript("return window.host !== undefined"));
        ((JavascriptExecutor) browser.driver()).executeScript(
                "window.host.mount(arguments[0], arguments[1], arguments[2])", workspaceId, jwt, options);
        return new ConsolePage(browser).loaded();
    }

    /** The local-mode page, signed in through its "Sign in (local mode)" form; role is the option's label. */
    static ConsolePage signedInLocally(Browser browser, String baseUrl, String user, String workspace, String role,
            String email) {
        browser.driver().get(baseUrl + "/console/");
        SignInForm.submit(browser, user, workspace, role, email);
        return new ConsolePage(browser).loaded();
    }

    /** Waits until the panel shows the token's state. */
    private ConsolePage loaded() {
        browser.waitFor(driver -> Accessible.named(driver, "region", "Directory Sync")
                .filter(panel -> !panel.findElements(By.tagName("dt")).isEmpty()
                        || panel.getText().contains("Only workspace owners, super admins and admins"))
                .orElse(null));
        return this;
    }

    // ---- The panel ------------------------------------------------------------------------------------------

    private WebElement panel() {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "region", "Directory Sync").orElse(null));
    }

    public String text() {
        return panel().getText();
    }

    /** What the panel says about one fact of the token ("Token", "Created", "Previous token", ...). */
    public String fact(String term) {
        return browser.waitFor(driver -> panel().findElements(By.tagName("dt")).stream()
                .filter(dt -> dt.getText().equals(term))
                .map(dt -> dt.findElement(By.xpath("following-sibling::dd")).getText())
                .findFirst().orElse(null));
    }

    /** A computed style of the panel's button, e.g. its "background-color" (as rgba(...)) or "font-family". */
    public String buttonStyle(String buttonName, String property) {
        return find(panel(), "button", buttonName).getCssValue(property);
    }

    /** A computed style of the panel itself. */
    public String panelStyle(String property) {
        return panel().getCssValue(property);
    }

    public boolean offers(String buttonName) {
        return Accessible.named(panel(), "button", buttonName).isPresent();
    }

    /**
     * The buttons the panel offers for the token, in order: its buttons outside "OAuth clients", "Sign-in methods"
     * and "Audit log".
     */
    public List<String> tokenActions() {
        WebElement panel = panel();
        List<WebElement> elsewhere = java.util.stream.Stream.of(OAuthClientsPage.SECTION, SIGN_IN_METHODS, "Audit log")
                .flatMap(name -> Accessible.named(panel, "region", name).stream())
                .flatMap(region -> Accessible.all(region, "button").stream()).toList();
        return Accessible.all(panel, "button").stream().filter(button -> !elsewhere.contains(button))
                .map(WebElement::getAccessibleName).toList();
    }

    /** Whether the region "Danger zone" is shown and offers the button. */
    public boolean dangerZoneOffers(String buttonName) {
        return Accessible.named(panel(), "region", "Danger zone")
                .flatMap(zone -> Accessible.named(zone, "button", buttonName)).isPresent();
    }

    /** Generate new token (after a revocation or expiry): the confirmation dialog opens at once, no grace question. */
    public void generateNewToken() {
        click(panel(), "button", "Generate new token");
        dialog(CONFIRM);
    }

    /** Waits until the panel's token fact reads so (after an operation the panel reads the state again). */
    public void awaitFact(String term, String text) {
        browser.waitFor(driver -> text.equals(fact(term)));
    }

    /** The panel's announcement after an operation (its status region). */
    public String announcement() {
        return browser.waitFor(driver -> nonEmptyText(panel(), "status"));
    }

    public void openPhonePageLink() {
        browser.switchTo(window);
        click(browser.driver(), "link", "Open the phone page");
    }

    public void viewToken() {
        click(panel(), "button", "View Token");
        dialog(CONFIRM);
    }

    /** Rotate token: the dialog asks for the grace period. */
    public void startRotation() {
        click(panel(), "button", ROTATE);
        dialog(ROTATE);
    }

    /** Continue without a grace period chosen: answers the error tied to the choice. */
    public String continueRotationWithoutChoosing() {
        WebElement dialog = dialog(ROTATE);
        click(dialog, "button", "Continue");
        WebElement choice = dialog.findElement(By.tagName("fieldset"));
        return browser.waitFor(driver -> description(choice));
    }

    /** Chooses the grace period by its label and continues: the confirmation dialog opens. */
    public void chooseGracePeriod(String gracePeriod) {
        WebElement dialog = dialog(ROTATE);
        click(dialog, "radio", gracePeriod);
        click(dialog, "button", "Continue");
        dialog(CONFIRM);
    }

    /** Revoke token: the dialog asks to type the workspace id. */
    public void startRevocation() {
        click(panel(), "button", REVOKE);
        dialog(REVOKE);
    }

    /** Types into "Workspace id" and continues. */
    public void confirmRevocation(String typedWorkspaceId) {
        WebElement dialog = dialog(REVOKE);
        type(dialog, "Workspace id", typedWorkspaceId);
        click(dialog, "button", "Continue");
    }

    /** The error tied to the "Workspace id" field. */
    public String revocationError() {
        WebElement field = Accessible.named(dialog(REVOKE), "textbox", "Workspace id").orElseThrow();
        return browser.waitFor(driver -> "true".equals(field.getAttribute("aria-invalid")) ? description(field) : null);
    }

    /** The rows of the audit log, once it has loaded. */
    public List<String> auditEvents() {
        WebElement table = browser.waitFor(driver -> Accessible.named(panel(), "table", "Audit log").orElse(null));
        WebElement rows = table.findElement(By.tagName("tbody"));
        browser.waitFor(driver -> "false".equals(rows.getAttribute("aria-busy")));
        return rows.getText().lines().toList();
    }

    /** Chooses a kind in the audit log's "Show" ("All events", "Token", "Verifications", "Sign-in methods"). */
    public void showAuditEvents(String kind) {
        choose(panel(), "Show", kind);
        auditEvents();
    }

    /** The title of each audit log row: the exact values behind its words. */
    public List<String> auditEventTitles() {
        auditEvents();
        WebElement table = Accessible.named(panel(), "table", "Audit log").orElseThrow();
        return table.findElement(By.tagName("tbody")).findElements(By.tagName("tr")).stream()
                .map(row -> row.getDomProperty("title")).toList();
    }

    /** Scrolls the audit log into view. */
    public void showAuditLog() {
        WebElement table = browser.waitFor(driver -> Accessible.named(panel(), "table", "Audit log").orElse(null));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", table);
    }

    public void loadMoreAuditEvents() {
        int shown = auditEvents().size();
        click(panel(), "button", "Load more");
        browser.waitFor(driver -> auditEvents().size() > shown);
    }

    // ---- Sign-in methods -------------------------------------------------------------------------------------

    /** The "Sign-in methods" section, once it has listed the factors. */
    private WebElement signInMethods() {
        return browser.waitFor(driver -> Accessible.named(panel(), "region", SIGN_IN_METHODS)
                .filter(section -> "false".equals(section.getAttribute("aria-busy"))).orElse(null));
    }

    /** A part of "Sign-in methods": "Phones", "Authenticator app", "Passkeys" or "Recovery codes". */
    private WebElement method(String part) {
        return browser.waitFor(driver -> Accessible.named(signInMethods(), "region", part).orElse(null));
    }

    /** The phones listed under "Phones", each as its row reads, once the list has loaded. */
    public List<String> phones() {
        return browser.waitFor(driver -> {
            List<String> rows = Accessible.all(method("Phones"), "listitem").stream().map(WebElement::getText)
                    .toList();
            return !rows.isEmpty() || method("Phones").getText().contains("You have no phones.") ? rows : null;
        });
    }

    /** Presses "Remove <phone name>": the confirmation dialog opens. */
    public void removePhone(String name) {
        browser.waitFor(driver -> Accessible.named(method("Phones"), "button", "Remove " + name).orElse(null)).click();
        dialog(CONFIRM);
    }

    /** What "Sign-in methods" announces once it has finished, or null while it says nothing. */
    public String signInMethodsAnnouncement() {
        return browser.waitFor(driver -> Accessible.all(signInMethods(), "status").stream().map(WebElement::getText)
                .filter(text -> !text.isBlank() && !text.endsWith("…")).findFirst().orElse(null));
    }

    /** The failure "Sign-in methods" announces (its alert). */
    public String signInMethodsFailure() {
        return browser.waitFor(driver -> nonEmptyText(signInMethods(), "alert"));
    }

    /** What a part of "Sign-in methods" says. */
    public String methodText(String part) {
        return method(part).getText();
    }

    /** The description (hint and error) of a field in a part of "Sign-in methods", once it shows an error. */
    public String methodFieldDescription(String part, String label) {
        return browser.waitFor(driver -> Accessible.named(method(part), "textbox", label)
                .filter(field -> "true".equals(field.getAttribute("aria-invalid")))
                .map(this::description).orElse(null));
    }

    /** Waits until a part of "Sign-in methods" says the text; answers true, or fails after the wait. */
    public boolean awaitMethodText(String part, String text) {
        return browser.waitFor(driver -> methodText(part).contains(text));
    }

    /** Whether a part of "Sign-in methods" offers the button. */
    public boolean methodOffers(String part, String buttonName) {
        return Accessible.named(method(part), "button", buttonName).isPresent();
    }

    /** Presses a button of a part of "Sign-in methods" once it shows. */
    public void pressInMethod(String part, String buttonName) {
        browser.waitFor(driver -> Accessible.named(method(part), "button", buttonName).orElse(null)).click();
    }

    /** The QR code image of the authenticator app's setup, once it shows. */
    public WebElement authenticatorQrCode() {
        return browser.waitFor(driver -> Accessible.nameContaining(method("Authenticator app"), "img", "QR code")
                .filter(image -> Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript(
                        "return arguments[0].complete && arguments[0].naturalWidth > 0", image)))
                .orElse(null));
    }

    /** The secret the setup shows as text, without its spaces. */
    public String authenticatorSecret() {
        authenticatorQrCode();
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("Type this key into the app instead: ([A-Z2-7 ]+)")
                .matcher(methodText("Authenticator app"));
        if (!key.find()) {
            throw new AssertionError("No key shown: " + methodText("Authenticator app"));
        }
        return key.group(1).replace(" ", "");
    }

    /** Types the code into the setup's "Authenticator code" and presses "Turn on". */
    public void turnOnAuthenticator(String code) {
        WebElement setup = method("Authenticator app");
        type(setup, "Authenticator code", code);
        click(setup, "button", "Turn on");
    }

    /** The 10 codes of "Save your recovery codes", once it shows. */
    public List<String> recoveryCodes() {
        WebElement dialog = dialog(RECOVERY_CODES);
        return browser.waitFor(driver -> {
            List<String> codes = Accessible.all(dialog, "listitem").stream().map(WebElement::getText).toList();
            return codes.isEmpty() ? null : codes;
        });
    }

    /** Presses Copy in "Save your recovery codes", waits for "Copied", answers the clipboard. */
    public String copyRecoveryCodes() {
        WebElement dialog = dialog(RECOVERY_CODES);
        click(dialog, "button", "Copy");
        browser.waitFor(driver -> "Copied".equals(nonEmptyText(dialog, "status")));
        return browser.clipboard();
    }

    /** Presses Download in "Save your recovery codes" and answers what it announces. */
    public String downloadRecoveryCodes() {
        WebElement dialog = dialog(RECOVERY_CODES);
        click(dialog, "button", "Download");
        return browser.waitFor(driver -> nonEmptyText(dialog, "status"));
    }

    public void closeRecoveryCodes() {
        click(dialog(RECOVERY_CODES), "button", "Close");
        awaitClosed(RECOVERY_CODES);
    }

    // ---- Passkeys --------------------------------------------------------------------------------------------

    private WebElement passkeySection() {
        return method(PASSKEYS);
    }

    /** What "Passkeys" says, once its list has loaded. */
    public String passkeysText() {
        passkeys();
        return passkeySection().getText();
    }

    /** The passkeys listed, each as its row reads, once the list has loaded. */
    public List<String> passkeys() {
        return browser.waitFor(driver -> {
            List<String> rows = Accessible.all(passkeySection(), "listitem").stream().map(WebElement::getText)
                    .toList();
            return !rows.isEmpty() || passkeySection().getText().contains("You have no passkeys yet.") ? rows : null;
        });
    }

    /** Types the name into "Passkey name" and presses "Add a passkey". */
    public void addPasskey(String name) {
        WebElement section = passkeySection();
        type(section, "Passkey name", name);
        click(section, "button", "Add a passkey");
    }

    /** What "Passkeys" announces once it has finished (not its "Follow your browser's prompt…"). */
    public String passkeyAnnouncement() {
        return browser.waitFor(driver -> Accessible.all(passkeySection(), "status").stream().map(WebElement::getText)
                .filter(text -> !text.isBlank() && !text.endsWith("…")).findFirst().orElse(null));
    }

    /** The failure "Passkeys" announces (its alert). */
    public String passkeyFailure() {
        return browser.waitFor(driver -> nonEmptyText(passkeySection(), "alert"));
    }

    /** Presses "Remove <name>": the confirmation dialog opens. */
    public void removePasskey(String name) {
        click(passkeySection(), "button", "Remove " + name);
        dialog(CONFIRM);
    }

    // ---- Confirm your identity to continue -----------------------------------------------------------------

    /** The number the confirmation dialog asks to type on the phone. */
    public int numberToTypeOnThePhone() {
        WebElement dialog = dialog(CONFIRM);
        return Integer.parseInt(browser.waitFor(driver -> Accessible.named(dialog, "status",
                "Type this number on your phone").map(WebElement::getText).filter(text -> !text.isEmpty())
                .orElse(null)));
    }

    /** What the confirmation dialog says, once it has read the ways the user has. */
    public String confirmationText() {
        return confirmation().getText();
    }

    /** The confirmation dialog, once it has read the ways the user has (it says "Finding your ways…" until then). */
    private WebElement confirmation() {
        WebElement dialog = dialog(CONFIRM);
        browser.waitFor(driver -> !dialog.getText().contains("Finding your ways"));
        return dialog;
    }

    /** The sentence the confirmation dialog announces when the request did not succeed. */
    public String confirmationFailure() {
        return browser.waitFor(driver -> nonEmptyText(dialog(CONFIRM), "alert"));
    }

    /** Types a code into "Authenticator code" and presses Verify code. */
    public void confirmWithAuthenticatorCode(String code) {
        WebElement dialog = confirmation();
        type(dialog, "Authenticator code", code);
        click(dialog, "button", "Verify code");
    }

    /** The description of the "Authenticator code" field (its hint and error), once it shows an error. */
    public String authenticatorCodeDescription() {
        WebElement field = Accessible.named(dialog(CONFIRM), "textbox", "Authenticator code").orElseThrow();
        return browser.waitFor(driver -> "true".equals(field.getAttribute("aria-invalid")) ? description(field) : null);
    }

    /** The dialog's announcement that begins so (its status region, not the number), once it shows. */
    public String confirmationStatus(String beginning) {
        return browser.waitFor(driver -> Accessible.all(dialog(CONFIRM), "status").stream().map(WebElement::getText)
                .filter(text -> text.startsWith(beginning)).findFirst().orElse(null));
    }

    /** Presses "Use a passkey" once the dialog offers it (when the caller has a passkey). */
    public void confirmWithPasskey() {
        WebElement dialog = dialog(CONFIRM);
        browser.waitFor(driver -> Accessible.named(dialog, "button", "Use a passkey").orElse(null)).click();
    }

    /** Presses "Email me a code" and waits until the dialog says the email went out. */
    public void emailMeACode() {
        WebElement dialog = confirmation();
        click(dialog, "button", "Email me a code");
        browser.waitFor(driver -> Accessible.named(dialog, "textbox", "Code from the email").orElse(null));
    }

    /** Types into "Code from the email" and presses "Verify emailed code". */
    public void confirmWithEmailCode(String code) {
        WebElement dialog = confirmation();
        type(dialog, "Code from the email", code);
        click(dialog, "button", "Verify emailed code");
    }

    /** Presses "Use a recovery code", types into "Recovery code" and presses "Verify recovery code". */
    public void confirmWithRecoveryCode(String code) {
        WebElement dialog = confirmation();
        Accessible.named(dialog, "button", "Use a recovery code").ifPresent(WebElement::click);
        type(dialog, "Recovery code", code);
        click(dialog, "button", "Verify recovery code");
    }

    /** The description of the "Recovery code" field (its hint and error), once it shows an error. */
    public String recoveryCodeDescription() {
        WebElement field = Accessible.named(dialog(CONFIRM), "textbox", "Recovery code").orElseThrow();
        return browser.waitFor(driver -> "true".equals(field.getAttribute("aria-invalid")) ? description(field) : null);
    }

    /** The ways the confirmation dialog offers, once it has read them: its buttons and fields, Cancel left out. */
    public List<String> confirmationWays() {
        WebElement dialog = confirmation();
        return java.util.stream.Stream.concat(Accessible.all(dialog, "button").stream(),
                        Accessible.all(dialog, "textbox").stream())
                .map(WebElement::getAccessibleName)
                .filter(name -> !name.equals("Cancel"))
                .toList();
    }

    /** Whether the confirmation dialog offers the button now. */
    public boolean confirmationOffers(String buttonName) {
        return Accessible.named(dialog(CONFIRM), "button", buttonName).isPresent();
    }

    /** The countdown ("Expires in 4:59") if the confirmation dialog shows one. */
    public Optional<String> countDown() {
        return Accessible.all(dialog(CONFIRM), "timer").stream().map(WebElement::getText).findFirst();
    }

    /** Whether the confirmation dialog shows its busy indicator (a progress bar named "Waiting"). */
    public boolean confirmationIsBusy() {
        return Accessible.named(dialog(CONFIRM), "progressbar", "Waiting").isPresent();
    }

    public void tryAgain() {
        click(dialog(CONFIRM), "button", "Try again");
    }

    public void cancelConfirmation() {
        click(dialog(CONFIRM), "button", "Cancel");
        awaitClosed(CONFIRM);
    }

    public void pressEscape() {
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
    }

    public void pressTab() {
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
    }

    public void pressShiftTab() {
        new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    /** The accessible name of the element that has the keyboard focus. */
    public String focused() {
        return browser.driver().switchTo().activeElement().getAccessibleName();
    }

    // ---- Show Token ----------------------------------------------------------------------------------------

    public void awaitTokenDialog() {
        dialog(SHOW_TOKEN);
        awaitClosed(CONFIRM);
    }

    public String tokenDialogText() {
        return dialog(SHOW_TOKEN).getText();
    }

    public boolean tokenIsMasked() {
        return "password".equals(tokenField().getDomProperty("type"));
    }

    /** Presses Show token and reads the token from its field. */
    public String showToken() {
        click(dialog(SHOW_TOKEN), "button", "Show token");
        return tokenField().getDomProperty("value");
    }

    /** Presses Copy, waits for "Copied", and answers what is now on the clipboard. */
    public String copyToken() {
        WebElement dialog = dialog(SHOW_TOKEN);
        click(dialog, "button", "Copy");
        browser.waitFor(driver -> "Copied".equals(nonEmptyText(dialog, "status")));
        return browser.clipboard();
    }

    public void closeTokenDialog() {
        click(dialog(SHOW_TOKEN), "button", "Close");
        awaitClosed(SHOW_TOKEN);
    }

    private WebElement tokenField() {
        return Accessible.named(dialog(SHOW_TOKEN), "textbox", "SCIM token").orElseThrow();
    }

    // ---- Dialogs -------------------------------------------------------------------------------------------

    /** Presses the dialog's Cancel. */
    public void cancel(String dialogName) {
        click(dialog(dialogName), "button", "Cancel");
        awaitClosed(dialogName);
    }

    public boolean isOpen(String dialogName) {
        browser.switchTo(window);
        return Accessible.named(browser.driver(), "dialog", dialogName).isPresent();
    }

    public void awaitClosed(String dialogName) {
        browser.waitFor(driver -> !isOpen(dialogName));
    }

    private WebElement dialog(String name) {
        browser.switchTo(window);
        return browser.waitFor(driver -> Accessible.named(driver, "dialog", name).orElse(null));
    }

    // ---- Shared steps --------------------------------------------------------------------------------------

    static void click(SearchContext context, String role, String name) {
        find(context, role, name).click();
    }

    static void type(SearchContext context, String label, String text) {
        WebElement field = find(context, "textbox", label);
        field.clear();
        field.sendKeys(text);
    }

    static void choose(SearchContext context, String label, String option) {
        new Select(find(context, "combobox", label)).selectByVisibleText(option);
    }

    private static WebElement find(SearchContext context, String role, String name) {
        Optional<WebElement> found = Accessible.named(context, role, name);
        return found.orElseThrow(() -> new AssertionError("No " + role + " named \"" + name + "\" is shown"));
    }

    /** The text of the first non-empty live region of the role inside the context, or null. */
    static String nonEmptyText(SearchContext context, String role) {
        return Accessible.all(context, role).stream().map(WebElement::getText).filter(text -> !text.isBlank())
                .findFirst().orElse(null);
    }

    /** The accessible description: the shown texts the element's aria-describedby names, or null. */
    private String description(WebElement element) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("""
                const text = (arguments[0].getAttribute('aria-describedby') || '').split(' ')
                    .map((id) => document.getElementById(id)).filter((e) => e && !e.hidden)
                    .map((e) => e.textContent.trim()).join(' ');
                return text || null""", element);
    }
}
