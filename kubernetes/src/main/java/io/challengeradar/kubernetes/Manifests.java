package io.challengeradar.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rendered set of manifests (kustomize's output), as generic resources in the order they came:
 * the deployer needs no typed model to apply them, and every kind must be one {@link Kind} knows.
 */
public final class Manifests {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final List<GenericKubernetesResource> resources;
  private final String yaml;

  private Manifests(List<GenericKubernetesResource> resources, String yaml) {
    this.resources = List.copyOf(resources);
    this.yaml = yaml;
  }

  /** Parses a YAML stream; every document must be of a kind the deployer knows. */
  public static Manifests parse(String yaml) {
    List<GenericKubernetesResource> out = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        GenericKubernetesResource r =
            SERIALIZATION.convertValue(doc, GenericKubernetesResource.class);
        Kind.of(r.getApiVersion(), r.getKind());
        out.add(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifests: " + e.getMessage(), e);
    }
    return new Manifests(out, yaml);
  }

  /** The YAML stream: as rendered, or as moved to another namespace. */
  public String yaml() {
    return yaml;
  }

  public List<GenericKubernetesResource> resources() {
    return resources;
  }

  /** The resources of {@code stage}, in their rendered order. */
  public List<GenericKubernetesResource> in(Stage stage) {
    return resources.stream().filter(r -> kindOf(r).stage() == stage).toList();
  }

  /** The kinds the manifests use that an operator provides, each once. */
  public List<Kind> customKinds() {
    return resources.stream().map(Manifests::kindOf).filter(Kind::custom).distinct().toList();
  }

  /**
   * The same manifests in {@code namespace}: every namespaced object moves there and the
   * Namespace object is renamed; null or blank leaves them as rendered.
   */
  public Manifests inNamespace(String namespace) {
    if (namespace == null || namespace.isBlank()) {
      return this;
    }
    List<GenericKubernetesResource> moved = new ArrayList<>();
    for (GenericKubernetesResource r : resources) {
      GenericKubernetesResource copy = copy(r);
      if (copy.getKind().equals("Namespace")) {
        copy.getMetadata().setName(namespace);
      } else if (kindOf(copy).namespaced()) {
        copy.getMetadata().setNamespace(namespace);
      }
      moved.add(copy);
    }
    StringBuilder out = new StringBuilder();
    moved.forEach(r -> out.append(SERIALIZATION.asYaml(r)));
    return new Manifests(moved, out.toString());
  }

  /** The namespace the namespaced objects are in. */
  public String namespace() {
    return resources.stream().filter(r -> kindOf(r).namespaced())
        .map(r -> r.getMetadata().getNamespace()).filter(n -> n != null && !n.isBlank())
        .findFirst().orElse("default");
  }

  static Kind kindOf(GenericKubernetesResource r) {
    return Kind.of(r.getApiVersion(), r.getKind());
  }

  static GenericKubernetesResource copy(GenericKubernetesResource r) {
    return SERIALIZATION.clone(r);
  }

  /**
   * What the API server will store for {@code r}: a Secret's stringData becomes base64 data, so
   * that comparing with what is there does not see a change that is none.
   */
  static GenericKubernetesResource stored(GenericKubernetesResource r) {
    GenericKubernetesResource s = copy(r);
    if (!s.getKind().equals("Secret") || !(s.get("stringData") instanceof Map<?, ?> plain)) {
      return s;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    if (s.get("data") instanceof Map<?, ?> existing) {
      existing.forEach((k, v) -> data.put(String.valueOf(k), v));
    }
    plain.forEach((k, v) -> data.put(String.valueOf(k), Base64.getEncoder()
        .encodeToString(String.valueOf(v).getBytes(StandardCharsets.UTF_8))));
    s.getAdditionalProperties().remove("stringData");
    s.setAdditionalProperty("data", data);
    return s;
  }
}
