package dev.localagent.studio.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request head as our own server received it: its bytes plus the offsets of each header, so
 * that a header value becomes a string only when asked for. Parsed strictly enough to refuse what
 * a server must refuse (a malformed request line or header line, a folded header), leniently
 * where RFC 9112 allows it (bare LF line ends). Immutable once parsed.
 */
final class HttpRequestHead {

    private static final int MAX_HEADERS = 200;

    private final byte[] head;
    /** Per header: name start, name end, value start, value end in {@link #head}. */
    private int[] offsets = new int[32];
    private int headers;
    String method;
    String path;
    String rawQuery;
    boolean http11;
    /** A status to refuse the request with (431, 505), or 0. */
    int refusal;

    private HttpRequestHead(byte[] head) {
        this.head = head;
    }

    /** Parses a request head (ending in a blank line); null if malformed (a 400). */
    static HttpRequestHead parse(byte[] h) {
        HttpRequestHead r = new HttpRequestHead(h);
        return r.parseHead() ? r : null;
    }

    private boolean parseHead() {
        byte[] h = head;
        int eol = indexOf(h, (byte) '\n', 0, h.length);
        int end = eol > 0 && h[eol - 1] == '\r' ? eol - 1 : eol;
        int sp1 = indexOf(h, (byte) ' ', 0, end);
        int sp2 = sp1 < 0 ? -1 : indexOf(h, (byte) ' ', sp1 + 1, end);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1) {
            return false;
        }
        for (int i = 0; i < sp1; i++) {
            if (!token(h[i])) {
                return false;
            }
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            if (h[i] <= ' ' || h[i] == 0x7f) {
                return false;
            }
        }
        method = method(h, sp1);
        String version = ascii(h, sp2 + 1, end);
        if (version.equals("HTTP/1.1")) {
            http11 = true;
        } else if (!version.equals("HTTP/1.0")) {
            if (!version.matches("HTTP/\\d(\\.\\d)?")) {
                return false;
            }
            refusal = 505;
        }
        if (!target(h, sp1 + 1, sp2)) {
            return false;
        }
        for (int line = eol + 1; line < h.length; ) {
            int next = indexOf(h, (byte) '\n', line, h.length);
            int lineEnd = next > line && h[next - 1] == '\r' ? next - 1 : next;
            if (lineEnd == line) {
                break; // the blank line
            }
            int colon = indexOf(h, (byte) ':', line, lineEnd);
            if (colon <= line) {
                return false; // no name, or a folded line (which starts with white space: not a token)
            }
            for (int i = line; i < colon; i++) {
                if (!token(h[i])) {
                    return false;
                }
            }
            int vs = colon + 1;
            int ve = lineEnd;
            while (vs < ve && (h[vs] == ' ' || h[vs] == '\t')) {
                vs++;
            }
            while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t')) {
                ve--;
            }
            if (headers == MAX_HEADERS) {
                refusal = 431;
                break;
            }
            if (4 * headers + 4 > offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[4 * headers] = line;
            offsets[4 * headers + 1] = colon;
            offsets[4 * headers + 2] = vs;
            offsets[4 * headers + 3] = ve;
            headers++;
            line = next + 1;
        }
        return true;
    }

    private boolean target(byte[] h, int from, int to) {
        int start = from;
        if (h[from] != '/') {
            if (to - from == 1 && h[from] == '*') {
                path = "*";
                return true;
            }
            // absolute form (RFC 9112, 3.2.2): the path starts after the authority
            int scheme = indexOf(h, (byte) ':', from, to);
            if (scheme < 0 || scheme + 3 > to || h[scheme + 1] != '/' || h[scheme + 2] != '/') {
                return false;
            }
            int slash = indexOf(h, (byte) '/', scheme + 3, to);
            if (slash < 0) {
                path = "/";
                return true;
            }
            start = slash;
        }
        int hash = indexOf(h, (byte) '#', start, to);
        int stop = hash < 0 ? to : hash;
        int q = indexOf(h, (byte) '?', start, stop);
        path = ascii(h, start, q < 0 ? stop : q);
        rawQuery = q < 0 ? null : ascii(h, q + 1, stop);
        return true;
    }

    /** The first value of a header, its name compared ignoring case; null if absent. */
    String header(String name) {
        int n = name.length();
        for (int i = 0; i < headers; i++) {
            int ns = offsets[4 * i];
            if (offsets[4 * i + 1] - ns == n && sameIgnoringCase(head, ns, name)) {
                return ascii(head, offsets[4 * i + 2], offsets[4 * i + 3]);
            }
        }
        return null;
    }

    boolean keepAlive() {
        String connection = header("Connection");
        if (http11) {
            return connection == null || !hasToken(connection, "close");
        }
        return connection != null && hasToken(connection, "keep-alive");
    }

    private static final String[] METHODS = {"POST", "GET", "HEAD", "PUT", "DELETE", "OPTIONS"};

    private static String method(byte[] h, int len) {
        // the usual methods without a new string each
        next:
        for (String m : METHODS) {
            if (m.length() == len) {
                for (int i = 0; i < len; i++) {
                    if (h[i] != m.charAt(i)) {
                        continue next;
                    }
                }
                return m;
            }
        }
        return ascii(h, 0, len);
    }

    private static boolean token(byte b) {
        return b > ' ' && b < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(b) < 0;
    }

    private static boolean hasToken(String list, String token) {
        for (String part : list.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameIgnoringCase(byte[] h, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            int a = h[at + i];
            int b = name.charAt(i);
            if (a != b && lower(a) != lower(b)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    private static int indexOf(byte[] h, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (h[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] h, int from, int to) {
        return new String(h, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
