package dev.localagent.studio.service.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/** The TTL is read from a fake clock; the "network" is a resolver that counts its lookups. */
class CachingDnsResolverTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger lookups = new AtomicInteger();
    private final DnsResolver counting = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            lookups.incrementAndGet();
            if (host.equals("nowhere.invalid")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, (byte) lookups.get()})};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    @Test
    void reusesALookupUntilItsTtlPassesThenAsksAgain() throws Exception {
        CachingDnsResolver dns = new CachingDnsResolver(counting, Duration.ofSeconds(60), now::get);
        InetAddress first = dns.resolve("api.example")[0];
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(dns.resolve("api.example")[0]).isEqualTo(first);
        assertThat(lookups).hasValue(1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(dns.resolve("api.example")[0]).isNotEqualTo(first);
        assertThat(lookups).hasValue(2);
        assertThat(dns.stats().hits()).isEqualTo(1);
        assertThat(dns.stats().misses()).isEqualTo(2);
        assertThat(dns.stats().hitRate()).isEqualTo(1.0 / 3);
    }

    @Test
    void doesNotCacheFailures() {
        CachingDnsResolver dns = new CachingDnsResolver(counting, Duration.ofSeconds(60), now::get);
        assertThatThrownBy(() -> dns.resolve("nowhere.invalid")).isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> dns.resolve("nowhere.invalid")).isInstanceOf(UnknownHostException.class);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aCallerChangingTheReturnedArrayDoesNotChangeTheCache() throws Exception {
        CachingDnsResolver dns = new CachingDnsResolver(counting, Duration.ofSeconds(60), now::get);
        InetAddress[] got = dns.resolve("api.example");
        InetAddress original = got[0];
        got[0] = null;
        assertThat(dns.resolve("api.example")[0]).isEqualTo(original);
    }
}
