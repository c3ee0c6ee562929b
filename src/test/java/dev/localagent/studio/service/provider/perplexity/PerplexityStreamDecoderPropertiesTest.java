package dev.localagent.studio.service.provider.perplexity;

import dev.localagent.studio.service.provider.wire.DecoderProperties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Arbitrary bytes never hang the Perplexity decoder or grow it past its frame bound. */
class PerplexityStreamDecoderPropertiesTest {

    @Property(tries = 300)
    void randomBytesEndWithAResultOrATypedError(@ForAll @Size(max = 8000) byte[] bytes, @ForAll @IntRange(min = 1, max = 700) int chunk) {
        DecoderProperties.endsQuicklyWithinTheBound(bytes, chunk, (errors, reply) -> new PerplexityStreamDecoder(errors, reply, DecoderProperties.MAX_FRAME));
    }

    @Property(tries = 300)
    void nearlyValidStreamsEndWithAResultOrATypedError(@ForAll("protocolish") byte[] bytes, @ForAll @IntRange(min = 1, max = 97) int chunk) {
        DecoderProperties.endsQuicklyWithinTheBound(bytes, chunk, (errors, reply) -> new PerplexityStreamDecoder(errors, reply, DecoderProperties.MAX_FRAME));
    }

    @Provide
    Arbitrary<byte[]> protocolish() {
        return DecoderProperties.protocolish(DecoderProperties.SSE_PIECES);
    }
}
