package com.cerby.scimtoken.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SVG draws exactly the symbol's dark modules, inside a white quiet zone of four modules. (ConsoleBrowserTest
 * scans the drawn image with zbarimg, as a phone would.)
 */
class QrCodeTest {

    private static final String URI = "otpauth://totp/SCIM%20Token%20Service:alice%40example.test"
            + "?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567&issuer=SCIM%20Token%20Service&algorithm=SHA1&digits=6&period=30";

    @Test
    void theImageHasTheSymbolsModulesAndAQuietZone() {
        String dataUri = QrCode.svgDataUri(URI);
        assertTrue(dataUri.startsWith("data:image/svg+xml;base64,"), dataUri);
        String svg = new String(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        io.nayuki.qrcodegen.QrCode symbol = io.nayuki.qrcodegen.QrCode.encodeText(URI,
                io.nayuki.qrcodegen.QrCode.Ecc.MEDIUM);
        int side = symbol.size + 8;
        assertTrue(svg.contains("viewBox=\"0 0 " + side + " " + side + "\""), svg);

        boolean[][] drawn = new boolean[side][side];
        Matcher run = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z").matcher(svg);
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            for (int dx = 0; dx < Integer.parseInt(run.group(3)); dx++) {
                drawn[y][x + dx] = true;
            }
        }
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                boolean inSymbol = x >= 4 && y >= 4 && x < side - 4 && y < side - 4;
                assertEquals(inSymbol && symbol.getModule(x - 4, y - 4), drawn[y][x], "module " + x + "," + y);
            }
        }
    }
}
