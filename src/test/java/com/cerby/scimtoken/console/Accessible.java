package com.cerby.scimtoken.console;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WrapsDriver;

/**
 * Finds elements the way a screen reader does: by the role and accessible name the browser computes for them,
 * never by the layout's CSS. The selectors only narrow the candidates; the browser's answer decides.
 */
final class Accessible {

    private static final Map<String, String> CANDIDATES = Map.ofEntries(
            Map.entry("button", "button, [role=button], input[type=submit], input[type=button]"),
            Map.entry("textbox", "input, textarea, [role=textbox]"),
            Map.entry("combobox", "select, [role=combobox]"),
            Map.entry("radio", "input[type=radio], [role=radio]"),
            Map.entry("link", "a[href], [role=link]"),
            Map.entry("dialog", "dialog, [role=dialog]"),
            Map.entry("form", "form, [role=form]"),
            Map.entry("region", "section, [role=region]"),
            Map.entry("article", "article, [role=article]"),
            Map.entry("listitem", "li, [role=listitem]"),
            Map.entry("status", "output, [role=status]"),
            Map.entry("alert", "[role=alert]"),
            Map.entry("timer", "[role=timer]"),
            Map.entry("progressbar", "progress, [role=progressbar]"),
            Map.entry("group", "fieldset, details, [role=group]"),
            Map.entry("table", "table, [role=table]"),
            Map.entry("img", "img, [role=img]"));
    /** Chromium computes "image" for an img element (the role's newer name); both mean the ARIA role img. */
    private static final Map<String, Set<String>> COMPUTED = Map.of("img", Set.of("img", "image"));

    private Accessible() {
    }

    /** The shown elements of a role inside the context, in document order. */
    static List<WebElement> all(SearchContext context, String role) {
        try {
            return shown(context, role).stream().filter(element -> is(element, role)).toList();
        } catch (StaleElementReferenceException changedMeanwhile) {
            return List.of();
        }
    }

    /** The shown element of that role and accessible name, if there is one. */
    static Optional<WebElement> named(SearchContext context, String role, String name) {
        try {
            return shown(context, role).stream()
                    .filter(element -> name.equals(element.getAccessibleName()))
                    .filter(element -> is(element, role))
                    .findFirst();
        } catch (StaleElementReferenceException changedMeanwhile) {
            return Optional.empty();
        }
    }

    /** The shown element of that role whose accessible name contains the text, if there is one. */
    static Optional<WebElement> nameContaining(SearchContext context, String role, String text) {
        return all(context, role).stream().filter(element -> element.getAccessibleName().contains(text)).findFirst();
    }

    private static boolean is(WebElement element, String role) {
        return COMPUTED.getOrDefault(role, Set.of(role)).contains(element.getAriaRole());
    }

    /** The candidates for a role that are rendered, asked of the browser in one call. */
    @SuppressWarnings("unchecked")
    private static List<WebElement> shown(SearchContext context, String role) {
        WebDriver driver = context instanceof WebElement element ? ((WrapsDriver) element).getWrappedDriver()
                : (WebDriver) context;
        Object root = context instanceof WebElement ? context : null;
        return (List<WebElement>) ((JavascriptExecutor) driver).executeScript("""
                return [...(arguments[0] || document).querySelectorAll(arguments[1])]
                    .filter((element) => element.checkVisibility({ visibilityProperty: true }))""",
                root, CANDIDATES.get(role));
    }
}
