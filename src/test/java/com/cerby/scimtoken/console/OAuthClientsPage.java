package com.cerby.scimtoken.console;

import static com.cerby.scimtoken.console.ConsolePage.click;
import static com.cerby.scimtoken.console.ConsolePage.nonEmptyText;
import static com.cerby.scimtoken.console.ConsolePage.type;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The console's "OAuth clients" section and its dialogs, used by the names a person reads: the section, each client
 * (a region named by the client's name) and its parts "Values to paste into Microsoft Entra ID", "Secrets" and
 * "Federated credentials". "Confirm your identity to continue" is ConsolePage's.
 */
final class OAuthClientsPage {

    static final String SECTION = "OAuth clients";
    static final String CREATE = "Create an OAuth client";
    static final String ADD_SECRET = "Add a client secret";
    static final String NEW_SECRET = "New client secret";
    static final String REVOKE_SECRET = "Revoke secret";
    static final String DELETE_CLIENT = "Delete OAuth client";
    static final String ADD_FEDERATED = "Add a federated credential";
    static final String REMOVE_FEDERATED = "Remove federated credential";
    static final String VALUES = "Values to paste into Microsoft Entra ID";

    private final Browser browser;

    OAuthClientsPage(Browser browser) {
        this.browser = browser;
    }

    /** The section, once it has listed the clients. */
    WebElement section() {
        return browser.waitFor(driver -> Accessible.named(driver, "region", SECTION)
                .filter(section -> "false".equals(section.getAttribute("aria-busy"))).orElse(null));
    }

    String text() {
        return section().getText();
    }

    /** The names of every button the section shows, in order. */
    List<String> buttons() {
        return Accessible.all(section(), "button").stream().map(WebElement::getAccessibleName).toList();
    }

    /** The client's region, once it is listed. */
    WebElement client(String name) {
        return browser.waitFor(driver -> Accessible.named(section(), "region", name).orElse(null));
    }

    private WebElement part(String client, String part) {
        return browser.waitFor(driver -> Accessible.named(client(client), "region", part).orElse(null));
    }

    /** What the section announces after a change (its status region), once it says something. */
    String announcement() {
        return browser.waitFor(driver -> Accessible.all(section(), "status").stream().map(WebElement::getText)
                .filter(text -> !text.isBlank() && !text.endsWith("copied.")).findFirst().orElse(null));
    }

    /** The failure the section announces (its alert). */
    String failure() {
        return browser.waitFor(driver -> nonEmptyText(section(), "alert"));
    }

    // ---- Values to paste -----------------------------------------------------------------------------------

    /** The value shown for a label of "Values to paste into Microsoft Entra ID" (or the sentence shown instead). */
    String value(String client, String label) {
        WebElement values = part(client, VALUES);
        return browser.waitFor(driver -> values.findElements(By.tagName("dt")).stream()
                .filter(dt -> dt.getText().equals(label))
                .map(dt -> dt.findElement(By.xpath("following-sibling::dd")))
                .map(dd -> dd.findElements(By.tagName("code")).isEmpty() ? dd.getText()
                        : dd.findElement(By.tagName("code")).getText())
                .findFirst().orElse(null));
    }

    /** Presses "Copy <label>", waits for "<label> copied.", and answers the clipboard. */
    String copyValue(String client, String label) {
        click(part(client, VALUES), "button", "Copy " + label);
        browser.waitFor(driver -> Accessible.all(section(), "status").stream()
                .anyMatch(status -> status.getText().equals(label + " copied.")));
        return browser.clipboard();
    }

    // ---- Create and delete ---------------------------------------------------------------------------------

    /** Presses "Create client": the dialog asks for the name. */
    void startCreating() {
        click(section(), "button", "Create client");
        dialog(CREATE);
    }

    /** Types the name and presses Continue. */
    void nameTheClient(String name) {
        WebElement dialog = dialog(CREATE);
        type(dialog, "Name", name);
        click(dialog, "button", "Continue");
    }

    /** The description (hint and error) of a field of an open dialog, once it shows an error. */
    String fieldError(String dialogName, String label) {
        WebElement field = Accessible.named(dialog(dialogName), "textbox", label).orElseThrow();
        return browser.waitFor(driver -> "true".equals(field.getAttribute("aria-invalid")) ? description(field) : null);
    }

    /** Presses "Delete client <name>" and answers what the confirming dialog says. */
    String startDeleting(String client) {
        click(client(client), "button", "Delete client " + client);
        return dialog(DELETE_CLIENT).getText();
    }

    /** Presses the confirming button of an open dialog ("Revoke", "Remove", "Delete client"). */
    void confirm(String dialogName, String button) {
        click(dialog(dialogName), "button", button);
    }

    // ---- Secrets -------------------------------------------------------------------------------------------

    /** The client's secrets, each as its row reads without its button ("scimcs_…ab12 added …, expires …"). */
    List<String> secrets(String client) {
        WebElement secrets = part(client, "Secrets");
        return Accessible.all(secrets, "listitem").stream().map(OAuthClientsPage::withoutButton).toList();
    }

    /** What a row says, without its button. */
    private static String withoutButton(WebElement row) {
        return row.findElement(By.xpath("./*[1]")).getText();
    }

    /** Whether the client's part offers the button. */
    boolean offers(String client, String part, String button) {
        return Accessible.named(part(client, part), "button", button).isPresent();
    }

    /** Presses "Add secret"; the dialog asks for the days (the field left as it is when days is null). */
    void addSecret(String client, String days) {
        click(part(client, "Secrets"), "button", "Add secret");
        WebElement dialog = dialog(ADD_SECRET);
        if (days != null) {
            type(dialog, "Expires after (days)", days);
        }
        click(dialog, "button", "Continue");
    }

    /** Types the days again into the open "Add a client secret" and presses Continue. */
    void retypeSecretDays(String days) {
        WebElement dialog = dialog(ADD_SECRET);
        type(dialog, "Expires after (days)", days);
        click(dialog, "button", "Continue");
    }

    /** "New client secret", once it shows. */
    WebElement secretDialog() {
        return dialog(NEW_SECRET);
    }

    boolean secretIsMasked() {
        return "password".equals(secretField().getDomProperty("type"));
    }

    /** Presses Copy, waits for "Copied", and answers what is now on the clipboard. */
    String copySecret() {
        WebElement dialog = secretDialog();
        click(dialog, "button", "Copy");
        browser.waitFor(driver -> "Copied".equals(nonEmptyText(dialog, "status")));
        return browser.clipboard();
    }

    /** Presses "Show secret" and reads the secret from its field. */
    String showSecret() {
        click(secretDialog(), "button", "Show secret");
        return secretField().getDomProperty("value");
    }

    void closeSecret() {
        click(secretDialog(), "button", "Close");
        awaitClosed(NEW_SECRET);
    }

    private WebElement secretField() {
        return Accessible.named(secretDialog(), "textbox", "Client secret").orElseThrow();
    }

    /** Presses "Revoke <hint>" and answers what the confirming dialog says. */
    String startRevoking(String client, String hint) {
        click(part(client, "Secrets"), "button", "Revoke " + hint);
        return dialog(REVOKE_SECRET).getText();
    }

    // ---- Federated credentials -----------------------------------------------------------------------------

    /** The client's federated credentials, each as its row reads without its button. */
    List<String> federatedCredentials(String client) {
        WebElement credentials = part(client, "Federated credentials");
        return Accessible.all(credentials, "listitem").stream().map(OAuthClientsPage::withoutButton).toList();
    }

    /** Presses "Add federated credential": the dialog opens with the Microsoft Entra ID preset chosen. */
    void startAddingFederatedCredential(String client) {
        click(part(client, "Federated credentials"), "button", "Add federated credential");
        dialog(ADD_FEDERATED);
    }

    /** Chooses "Microsoft Entra ID" or "Custom issuer". */
    void choosePreset(String preset) {
        click(dialog(ADD_FEDERATED), "radio", preset);
    }

    /** Types into a field of "Add a federated credential" by its label. */
    void typeInFederated(String label, String text) {
        type(dialog(ADD_FEDERATED), label, text);
    }

    /** What "Add a federated credential" shows for a derived value ("Issuer", "JWKS URL"). */
    String derived(String term) {
        WebElement dialog = dialog(ADD_FEDERATED);
        return dialog.findElements(By.tagName("dt")).stream().filter(dt -> dt.getText().equals(term))
                .map(dt -> dt.findElement(By.xpath("following-sibling::dd")).getText()).findFirst().orElseThrow();
    }

    void continueFederated() {
        click(dialog(ADD_FEDERATED), "button", "Continue");
    }

    /** Presses "Remove <issuer> <subject>" and answers what the confirming dialog says. */
    String startRemovingFederatedCredential(String client, String issuer, String subject) {
        click(part(client, "Federated credentials"), "button", "Remove " + issuer + " " + subject);
        return dialog(REMOVE_FEDERATED).getText();
    }

    // ---- Dialogs -------------------------------------------------------------------------------------------

    boolean isOpen(String dialogName) {
        return Accessible.named(browser.driver(), "dialog", dialogName).isPresent();
    }

    void awaitClosed(String dialogName) {
        browser.waitFor(driver -> !isOpen(dialogName));
    }

    void cancel(String dialogName) {
        click(dialog(dialogName), "button", "Cancel");
        awaitClosed(dialogName);
    }

    WebElement dialog(String name) {
        return browser.waitFor(driver -> Accessible.named(driver, "dialog", name).orElse(null));
    }

    /** Scrolls the client's region into view (for a screenshot). */
    void scrollTo(String client) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", client(client));
    }

    private String description(WebElement element) {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("""
                const text = (arguments[0].getAttribute('aria-describedby') || '').split(' ')
                    .map((id) => document.getElementById(id)).filter((e) => e && !e.hidden)
                    .map((e) => e.textContent.trim()).join(' ');
                return text || null""", element);
    }
}
