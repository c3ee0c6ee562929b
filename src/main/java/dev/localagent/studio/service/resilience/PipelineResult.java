package dev.localagent.studio.service.resilience;

import dev.localagent.studio.model.ChatResult;

/** A reply and the record of how the resilience layer got it. */
public record PipelineResult(ChatResult result, CallRecord record) {}
