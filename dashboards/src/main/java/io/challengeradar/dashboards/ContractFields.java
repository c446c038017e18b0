package io.challengeradar.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.challengeradar.contract.Index;
import io.challengeradar.contract.IndexTemplate;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code _field_caps} would say of each index the contract defines, read from its shipped
 * template: the build's field check, which needs no server and fails on a field the contract
 * renamed. The live check asks a real Elasticsearch holding a generated run.
 */
public final class ContractFields {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ContractFields() {}

  /** Every contract index's fields, by index name. */
  public static Map<String, Map<String, FieldCheck.Caps>> all() {
    Map<String, Map<String, FieldCheck.Caps>> out = new LinkedHashMap<>();
    for (Index index : Index.values()) {
      out.put(index.indexName(), of(index.template()));
    }
    return out;
  }

  /** The fields a template maps, with the capabilities Elasticsearch gives such a mapping. */
  public static Map<String, FieldCheck.Caps> of(IndexTemplate template) {
    JsonNode properties;
    try {
      properties = JSON.readTree(template.json()).path("template").path("mappings")
          .path("properties");
    } catch (IOException e) {
      throw new DashboardException("cannot read template " + template.origin(), e);
    }
    Map<String, FieldCheck.Caps> out = new LinkedHashMap<>();
    collect("", properties, out);
    return out;
  }

  private static void collect(String prefix, JsonNode properties,
      Map<String, FieldCheck.Caps> out) {
    properties.properties().forEach(e -> {
      String name = prefix + e.getKey();
      JsonNode m = e.getValue();
      if (m.has("properties")) {
        out.put(name, new FieldCheck.Caps("object", false, false));
        collect(name + ".", m.get("properties"), out);
        return;
      }
      String type = m.path("type").asText("object");
      boolean searchable = m.path("index").asBoolean(true) && !type.equals("object");
      boolean aggregatable = m.path("doc_values").asBoolean(true)
          && !type.equals("text") && !type.equals("dense_vector") && !type.equals("object");
      out.put(name, new FieldCheck.Caps(type, searchable, aggregatable));
      m.path("fields").properties().forEach(sub -> collect(name + ".",
          JSON.createObjectNode().set(sub.getKey(), sub.getValue()), out));
    });
  }
}
