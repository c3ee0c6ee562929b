package dev.localagent.studio.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Response heads of our own HTTP/1.1 server, written straight as bytes (header names as the
 * personas spell them, values in ISO-8859-1), with the {@code Date} header the JDK server also
 * sent, formatted once a second. Thread-safe.
 */
final class HttpHead {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private record Stamp(long second, String text) {}

    private static volatile Stamp stamp = new Stamp(-1, "");

    private HttpHead() {}

    /**
     * A head: status line, Date, {@code headers} (name, value pairs), then Content-Length
     * ({@code contentLength >= 0}), Transfer-Encoding ({@code chunked}) and Connection, and room
     * for {@code extra} bytes of body after it.
     */
    static byte[] write(int status, List<String> headers, long contentLength, boolean chunked, boolean keepAlive, boolean http11, int extra) {
        String reason = reason(status);
        String date = date();
        String connection = !keepAlive ? "close" : http11 ? null : "keep-alive";
        String length = contentLength >= 0 ? Long.toString(contentLength) : null;
        int size = 13 + reason.length() + 2 + 6 + date.length() + 2;
        for (int i = 0; i < headers.size(); i += 2) {
            size += headers.get(i).length() + 2 + headers.get(i + 1).length() + 2;
        }
        size += (length == null ? 0 : 16 + length.length() + 2) + (chunked ? 28 : 0) + (connection == null ? 0 : 12 + connection.length() + 2) + 2;
        byte[] b = new byte[size + extra];
        int at = put(b, 0, "HTTP/1.1 ");
        b[at++] = (byte) ('0' + status / 100 % 10);
        b[at++] = (byte) ('0' + status / 10 % 10);
        b[at++] = (byte) ('0' + status % 10);
        b[at++] = ' ';
        at = crlf(b, put(b, at, reason));
        at = crlf(b, put(b, put(b, at, "Date: "), date));
        for (int i = 0; i < headers.size(); i += 2) {
            at = crlf(b, put(b, put(b, put(b, at, headers.get(i)), ": "), headers.get(i + 1)));
        }
        if (length != null) {
            at = crlf(b, put(b, put(b, at, "Content-Length: "), length));
        }
        if (chunked) {
            at = crlf(b, put(b, at, "Transfer-Encoding: chunked"));
        }
        if (connection != null) {
            at = crlf(b, put(b, put(b, at, "Connection: "), connection));
        }
        crlf(b, at);
        return b;
    }

    /** Writes {@code s} at {@code at}, one byte a char; a line break or a char past ISO-8859-1 becomes a space or '?'. */
    private static int put(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[at++] = c == '\r' || c == '\n' ? (byte) ' ' : c > 0xff ? (byte) '?' : (byte) c;
        }
        return at;
    }

    private static int crlf(byte[] b, int at) {
        b[at] = '\r';
        b[at + 1] = '\n';
        return at + 2;
    }

    /** Hex digits of a chunk size. */
    static int hexLength(int n) {
        return n == 0 ? 1 : (32 - Integer.numberOfLeadingZeros(n) + 3) / 4;
    }

    /** Writes {@code n} in hex at {@code at}; returns the index after it. */
    static int putHex(byte[] b, int at, int n) {
        int digits = hexLength(n);
        for (int i = digits - 1; i >= 0; i--) {
            b[at + i] = (byte) "0123456789abcdef".charAt(n & 0xf);
            n >>>= 4;
        }
        return at + digits;
    }

    private static String date() {
        long now = System.currentTimeMillis() / 1000;
        Stamp s = stamp;
        if (s.second() != now) {
            s = new Stamp(now, DATE.format(Instant.ofEpochSecond(now)));
            stamp = s;
        }
        return s.text();
    }

    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }
}
