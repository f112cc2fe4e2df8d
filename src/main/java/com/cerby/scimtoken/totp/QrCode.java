package com.cerby.scimtoken.totp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The otpauth:// URI as a QR code an authenticator app scans: an SVG image in a {@code data:} URI, so the console
 * shows it without the secret ever leaving the enrollment answer. The symbol is made by Project Nayuki's QR Code
 * generator (error correction M, the quiet zone of four modules that scanners need); this class only draws its
 * dark modules, one rectangle per run in a row.
 */
final class QrCode {

    private static final int QUIET_ZONE = 4;

    private QrCode() {
    }

    /** {@code data:image/svg+xml;base64,…} of the text's QR code. */
    static String svgDataUri(String text) {
        String svg = svg(io.nayuki.qrcodegen.QrCode.encodeText(text, io.nayuki.qrcodegen.QrCode.Ecc.MEDIUM));
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    private static String svg(io.nayuki.qrcodegen.QrCode symbol) {
        int side = symbol.size + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < symbol.size; y++) {
            for (int x = 0; x < symbol.size; x++) {
                if (!symbol.getModule(x, y)) {
                    continue;
                }
                // A run of dark modules in a row is one rectangle: a third of the markup of a square each.
                int run = 1;
                while (x + run < symbol.size && symbol.getModule(x + run, y)) {
                    run++;
                }
                path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\" "
                + "shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path d=\"" + path + "\" fill=\"#000\"/></svg>";
    }
}
