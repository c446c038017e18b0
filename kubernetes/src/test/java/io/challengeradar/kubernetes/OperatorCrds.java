package io.challengeradar.kubernetes;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The operators' real CustomResourceDefinitions (Flink Kubernetes Operator 1.15.0, Strimzi 1.2.0,
 * ECK 3.5.0), read from {@code ../shared/k8s-crds} beside the project and never copied into it,
 * turned into strict validators: every object schema that does not preserve unknown fields
 * refuses fields it does not list, as kubeconform's strict mode does (the CRDs themselves leave
 * that to the API server's pruning, which would drop a misspelt field without a word).
 */
final class OperatorCrds {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  private static Map<String, Schema> schemas;

  private OperatorCrds() {}

  static Path directory() {
    return Rendered.projectRoot().resolveSibling("shared").resolve("k8s-crds");
  }

  /** The strict schema of {@code apiVersion}/{@code kind}; skips when the CRDs are absent. */
  static Schema schema(String apiVersion, String kind) {
    Map<String, Schema> all = load();
    Schema s = all.get(apiVersion + " " + kind);
    if (s == null) {
      throw new AssertionError("no CustomResourceDefinition in " + directory() + " serves "
          + apiVersion + " " + kind + "; it has " + all.keySet());
    }
    return s;
  }

  static List<Error> validate(JsonNode resource) {
    return schema(resource.path("apiVersion").asText(), resource.path("kind").asText())
        .validate(resource);
  }

  private static synchronized Map<String, Schema> load() {
    assumeTrue(Files.isDirectory(directory()), "the operators' CRDs are not in " + directory()
        + " (see its README): custom resources are not validated");
    if (schemas != null) {
      return schemas;
    }
    Map<String, Schema> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(directory())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")
          || p.toString().endsWith(".yml")).toList()) {
        JsonNode crd = Rendered.YAML.readTree(f.toFile());
        if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) {
          continue;
        }
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        for (JsonNode v : crd.at("/spec/versions")) {
          if (!v.path("served").asBoolean()) {
            continue;
          }
          JsonNode schema = strict(withTypeMeta(v.at("/schema/openAPIV3Schema").deepCopy()));
          out.put(group + "/" + v.path("name").asText() + " " + kind, REGISTRY.getSchema(schema));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    schemas = out;
    return out;
  }

  /**
   * The API server accepts apiVersion, kind and metadata at the root of every object whether the
   * CRD lists them or not (the Flink operator's does not).
   */
  private static JsonNode withTypeMeta(JsonNode root) {
    ObjectNode properties = root.path("properties") instanceof ObjectNode p ? p
        : ((ObjectNode) root).putObject("properties");
    properties.putIfAbsent("apiVersion", Rendered.YAML.createObjectNode().put("type", "string"));
    properties.putIfAbsent("kind", Rendered.YAML.createObjectNode().put("type", "string"));
    properties.putIfAbsent("metadata", Rendered.YAML.createObjectNode().put("type", "object"));
    return root;
  }

  /**
   * Adds {@code additionalProperties: false} to every object schema with properties that neither
   * says what else it allows nor preserves unknown fields; the root's metadata stays open
   * (the API server validates it, not the CRD).
   */
  static JsonNode strict(JsonNode schema) {
    if (schema instanceof ObjectNode o) {
      boolean preserve = o.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (o.has("properties") && !o.has("additionalProperties") && !preserve) {
        o.put("additionalProperties", false);
      }
      o.path("properties").forEach(OperatorCrds::strict);
      strict(o.path("items"));
      if (o.path("additionalProperties").isObject()) {
        strict(o.path("additionalProperties"));
      }
      for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
        o.path(combinator).forEach(OperatorCrds::strict);
      }
    }
    return schema;
  }
}
