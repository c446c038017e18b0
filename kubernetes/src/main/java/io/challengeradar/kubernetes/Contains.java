package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether what the cluster holds already says everything a manifest says: the server adds
 * defaults, status and bookkeeping, so "the same" means every field of the manifest is there with
 * its value (lists element by element), not equality.
 */
final class Contains {
  private Contains() {}

  static boolean contains(GenericKubernetesResource existing, GenericKubernetesResource desired) {
    Map<String, String> labels = desired.getMetadata().getLabels();
    Map<String, String> annotations = desired.getMetadata().getAnnotations();
    return contains(existing.getMetadata().getLabels(), labels)
        && contains(existing.getMetadata().getAnnotations(), annotations)
        && contains(existing.getAdditionalProperties(), desired.getAdditionalProperties());
  }

  static boolean contains(Object have, Object want) {
    if (want == null) {
      return true;
    }
    if (want instanceof Map<?, ?> w) {
      if (!(have instanceof Map<?, ?> h)) {
        return w.isEmpty() && have == null;
      }
      return w.entrySet().stream().allMatch(e -> contains(h.get(e.getKey()), e.getValue()));
    }
    if (want instanceof List<?> w) {
      if (!(have instanceof List<?> h) || h.size() != w.size()) {
        return false;
      }
      for (int i = 0; i < w.size(); i++) {
        if (!contains(h.get(i), w.get(i))) {
          return false;
        }
      }
      return true;
    }
    // Scalars: 2 and "2" differ to the API server, but YAML's numbers and Jackson's may not
    // agree on Integer vs Long, so compare their text.
    return have != null && Objects.equals(String.valueOf(have), String.valueOf(want))
        && (have instanceof String) == (want instanceof String);
  }
}
