package com.cerby.scimtoken.console;

import static com.cerby.scimtoken.support.ProblemAssertions.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the service answers under /console/ outside local mode (here: the test profile, console enabled). */
@QuarkusTest
class ConsoleHeadersTest {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    @ParameterizedTest
    @ValueSource(strings = { "/console/console.js", "/console/console.css", "/console/nothing-here.js" })
    void everyConsoleAnswerCarriesTheSecurityHeaders(String path) {
        given().when().get(path).then()
                .header("Content-Security-Policy", equalTo(POLICY))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-cache"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/console/console.js", "/console/api.js" })
    void theConsoleModulesAreServedAsJavaScript(String path) {
        given().when().get(path).then().statusCode(200).contentType(containsString("javascript"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/console/confirm.html", "/console/confirm-page.js", "/console/confirm.js" })
    void theEmailsConfirmPageIsServedOutsideLocalModeToo(String path) {
        given().when().get(path).then().statusCode(200).header("Content-Security-Policy", equalTo(POLICY));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/console/", "/console/index.html", "/console/phone.html", "/console/local/phone.js",
            "/console/local/sign-in.js", "/console/./phone.html" })
    void theLocalModePagesDoNotExistOutsideLocalMode(String path) {
        assertProblem(given().when().get(path).then(), 404, "not_found", path.replace("/./", "/"));
    }
}
