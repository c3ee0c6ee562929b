package dev.localagent.studio.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.sim.fault.FaultPlan;
import dev.localagent.studio.sim.fault.FaultPlanJson;
import dev.localagent.studio.sim.fault.FaultPresets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET/PUT /_sim/faults} and {@code GET /_sim/stats}: the simulator's own controls, for
 * scripts and the dashboard. Answered to loopback clients only, whatever address the server binds.
 */
final class AdminEndpoint {

    private final FaultController faults;
    private final SimStats stats;
    private final int maxBodyBytes;

    AdminEndpoint(FaultController faults, SimStats stats, int maxBodyBytes) {
        this.faults = faults;
        this.stats = stats;
        this.maxBodyBytes = maxBodyBytes;
    }

    void handle(SimExchange ex) throws IOException {
        if (!ex.fromLoopback()) {
            ex.send(problem(403, "the simulator's admin endpoints answer loopback clients only"));
            return;
        }
        switch (ex.path()) {
            case "/_sim/faults" -> faults(ex);
            case "/_sim/stats" -> {
                if (ex.method().equals("GET")) {
                    ex.send(SimResponse.json(200, statsJson(stats.snapshot())));
                } else {
                    ex.send(problem(405, "use GET"));
                }
            }
            default -> ex.send(problem(404, "unknown admin path " + ex.path() + " (known: /_sim/faults, /_sim/stats)"));
        }
    }

    private void faults(SimExchange ex) throws IOException {
        switch (ex.method()) {
            case "GET" -> ex.send(current());
            case "PUT" -> {
                byte[] body;
                try {
                    body = ex.body(maxBodyBytes);
                } catch (SimExchange.BodyTooLarge e) {
                    ex.send(problem(413, "fault plan larger than " + maxBodyBytes + " bytes"));
                    return;
                }
                FaultPlan plan;
                try {
                    plan = FaultPlanJson.read(new String(body, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    ex.send(problem(400, e.getMessage()));
                    return;
                }
                faults.install(plan);
                ex.send(current());
            }
            default -> ex.send(problem(405, "use GET or PUT"));
        }
    }

    private SimResponse current() {
        ObjectNode plan = FaultPlanJson.toJson(faults.plan());
        var presets = plan.putArray("presets");
        FaultPresets.names().forEach(presets::add);
        return SimResponse.json(200, plan);
    }

    static ObjectNode statsJson(SimStatsSnapshot s) {
        ObjectNode root = SimJson.object().put("requests", s.requests()).put("connections", s.connections());
        ObjectNode personas = root.putObject("personas");
        s.statuses().forEach((persona, byStatus) -> {
            ObjectNode p = personas.putObject(persona).put("requests", s.requests(persona));
            ObjectNode statuses = p.putObject("statuses");
            byStatus.forEach((status, n) -> statuses.put(Integer.toString(status), n));
        });
        ObjectNode fired = root.putObject("faults");
        s.faultsFired().forEach(fired::put);
        return root;
    }

    private static SimResponse problem(int status, String message) {
        return SimResponse.json(status, SimJson.object().put("error", message));
    }
}
