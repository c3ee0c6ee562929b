package dev.localagent.studio.service.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localagent.studio.model.ProviderKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two tree operations behind the settings file. Reading lays the user's file over the defaults
 * (providers matched by id, so a file names only what it changes). Writing lays the new settings
 * back over the user's own tree, so fields this build does not know survive, and values still at
 * their default are not written unless the user wrote them.
 */
final class ConfigTree {

    /** A problem in the user's tree, with the JSON pointer of the offending value. */
    static final class TreeException extends Exception {
        final String pointer;
        final String field;

        TreeException(String pointer, String field, String message) {
            super(message);
            this.pointer = pointer;
            this.field = field;
        }
    }

    /** The merged tree plus, for each provider position in it, the user's index (or -1). */
    record Merged(ObjectNode tree, List<String> providerIds, Map<String, Integer> userIndexById) {}

    private final ObjectMapper mapper;

    ConfigTree(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Merged overDefaults(ObjectNode user) throws TreeException {
        ObjectNode defaults = mapper.valueToTree(ConfigDefaults.config());
        ObjectNode merged = defaults.deepCopy();
        Map<String, Integer> userIndexById = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = user.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("providers")) {
                merged.set("providers", mergeProviders((ArrayNode) defaults.get("providers"), field.getValue(), userIndexById));
            } else {
                merged.set(field.getKey(), mergeValue(defaults.get(field.getKey()), field.getValue()));
            }
        }
        List<String> ids = new ArrayList<>();
        merged.get("providers").forEach(p -> ids.add(p.get("id").asText()));
        return new Merged(merged, ids, userIndexById);
    }

    private ArrayNode mergeProviders(ArrayNode defaults, JsonNode user, Map<String, Integer> userIndexById)
            throws TreeException {
        if (!user.isArray()) {
            throw new TreeException("/providers", "providers", "must be a list of providers");
        }
        ArrayNode result = defaults.deepCopy();
        for (int i = 0; i < user.size(); i++) {
            JsonNode entry = user.get(i);
            String pointer = "/providers/" + i;
            if (!entry.isObject()) {
                throw new TreeException(pointer, "providers[" + i + "]", "must be an object with at least an \"id\"");
            }
            JsonNode idNode = entry.get("id");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
                throw new TreeException(pointer, "providers[" + i + "].id", "is required and must be a string");
            }
            String id = idNode.asText();
            if (userIndexById.put(id, i) != null) {
                throw new TreeException(pointer + "/id", "providers[" + i + "].id", "'" + id + "' is used by more than one provider");
            }
            int existing = indexOf(result, id);
            if (existing >= 0) {
                result.set(existing, mergeValue(result.get(existing), entry));
            } else {
                JsonNode kindNode = entry.get("kind");
                if (kindNode == null || !kindNode.isTextual()) {
                    throw new TreeException(pointer, "providers[" + i + "].kind",
                            "is required for a new provider: ollama, openai, gemini or perplexity");
                }
                ProviderKind kind;
                try {
                    kind = ProviderKind.fromId(kindNode.asText());
                } catch (IllegalArgumentException e) {
                    throw new TreeException(pointer + "/kind", "providers[" + i + "].kind", e.getMessage());
                }
                result.add(mergeValue(mapper.valueToTree(ConfigDefaults.template(kind, id)), entry));
            }
        }
        return result;
    }

    private static JsonNode mergeValue(JsonNode base, JsonNode over) {
        if (base == null || !base.isObject() || !over.isObject()) {
            return over.deepCopy();
        }
        ObjectNode result = ((ObjectNode) base).deepCopy();
        over.fields().forEachRemaining(f -> result.set(f.getKey(), mergeValue(result.get(f.getKey()), f.getValue())));
        return result;
    }

    private static int indexOf(ArrayNode providers, String id) {
        for (int i = 0; i < providers.size(); i++) {
            if (id.equals(providers.get(i).path("id").asText())) {
                return i;
            }
        }
        return -1;
    }

    /** The tree to write: the user's tree with the new settings laid over it, defaults left out. */
    ObjectNode forWriting(ObjectNode user, StudioConfig config) {
        ObjectNode current = mapper.valueToTree(config);
        ObjectNode defaults = mapper.valueToTree(ConfigDefaults.config());
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("version", config.version());
        result.setAll(overlay(user, current, defaults, true));
        result.put("version", config.version());
        return result;
    }

    private ObjectNode overlay(ObjectNode user, ObjectNode current, JsonNode defaults, boolean top) {
        ObjectNode result = user.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = current.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            JsonNode cur = field.getValue();
            JsonNode usr = user.get(name);
            JsonNode def = defaults == null ? null : defaults.get(name);
            if (top && name.equals("providers")) {
                ArrayNode providers = overlayProviders(usr, (ArrayNode) cur, (ArrayNode) def);
                if (usr != null || !providers.isEmpty()) {
                    result.set(name, providers);
                }
            } else if (cur.isObject()) {
                ObjectNode sub = overlay(usr != null && usr.isObject() ? (ObjectNode) usr : JsonNodeFactory.instance.objectNode(),
                        (ObjectNode) cur, def, false);
                if (usr != null || !sub.isEmpty()) {
                    result.set(name, sub);
                }
            } else if (usr != null || !cur.equals(def)) {
                result.set(name, cur);
            }
        }
        return result;
    }

    private ArrayNode overlayProviders(JsonNode user, ArrayNode current, ArrayNode defaults) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        List<String> written = new ArrayList<>();
        if (user != null && user.isArray()) {
            for (JsonNode entry : user) {
                String id = entry.path("id").asText();
                int at = indexOf(current, id);
                if (at < 0 || !entry.isObject()) {
                    result.add(entry.deepCopy());
                } else {
                    result.add(overlay((ObjectNode) entry, (ObjectNode) current.get(at), providerDefaults(defaults, current.get(at)), false));
                }
                written.add(id);
            }
        }
        for (JsonNode provider : current) {
            String id = provider.get("id").asText();
            if (written.contains(id)) {
                continue;
            }
            ObjectNode start = JsonNodeFactory.instance.objectNode().put("id", id);
            ObjectNode changed = overlay(start, (ObjectNode) provider, providerDefaults(defaults, provider), false);
            if (changed.size() > 1) {
                result.add(changed);
            }
        }
        return result;
    }

    private JsonNode providerDefaults(ArrayNode defaults, JsonNode provider) {
        int at = indexOf(defaults, provider.get("id").asText());
        if (at >= 0) {
            return defaults.get(at);
        }
        ProviderKind kind = ProviderKind.fromId(provider.get("kind").asText());
        ObjectNode template = mapper.valueToTree(ConfigDefaults.template(kind, provider.get("id").asText()));
        template.remove("kind"); // a provider of the user's own must always say what it speaks
        return template;
    }
}
