package dev.localagent.studio.sim.fault;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the simulator does wrong on purpose: a base layer of faults, optional per-persona
 * layers on top, and an optional timeline of phases. The timeline's clock starts at the first
 * request after the plan is set ({@code startNow = false}) or at once. After the last phase the
 * base layer applies again, unless {@code repeat} starts the timeline over. Immutable; the same
 * shape is read from a fault file and from {@code PUT /_sim/faults} (see docs/simulator.md).
 *
 * @param name a preset's name, or {@code custom}
 * @param seed makes every random choice (which request fails, with which status) reproducible
 * @param personas keyed by persona id ({@code ollama}, {@code openai}, {@code gemini}, {@code perplexity})
 */
public record FaultPlan(
        String name,
        long seed,
        FaultSet faults,
        Map<String, FaultSet> personas,
        List<FaultPhase> timeline,
        boolean repeat,
        boolean startNow) {

    public static final FaultPlan HEALTHY = new FaultPlan("healthy", 0, FaultSet.NONE, Map.of(), List.of(), false, false);

    public FaultPlan {
        name = name == null || name.isBlank() ? "custom" : name;
        faults = faults == null ? FaultSet.NONE : faults;
        personas = personas == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(personas));
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        if (repeat && timeline.isEmpty()) {
            throw new IllegalArgumentException("repeat needs a timeline");
        }
    }

    /** A plan of one steady layer of faults. */
    public static FaultPlan steady(String name, FaultSet faults) {
        return new FaultPlan(name, 0, faults, Map.of(), List.of(), false, false);
    }

    public FaultPlan withSeed(long newSeed) {
        return new FaultPlan(name, newSeed, faults, personas, timeline, repeat, startNow);
    }

    /**
     * Puts {@code over} on top of every layer of this plan — base, phases and personas — so that
     * command-line flags win over whatever the preset or file says, at every moment of a timeline.
     */
    public FaultPlan overriddenBy(FaultSet over) {
        if (over == null || over.isEmpty()) {
            return this;
        }
        Map<String, FaultSet> p = new LinkedHashMap<>();
        personas.forEach((k, v) -> p.put(k, v.overriddenBy(over)));
        return new FaultPlan(name, seed, faults.overriddenBy(over), p,
                timeline.stream().map(ph -> ph.overriddenBy(over)).toList(), repeat, startNow);
    }

    /** The length of one pass over the timeline. */
    public Duration timelineLength() {
        return timeline.stream().map(FaultPhase::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
