package io.challengeradar.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Holds a document against its index's template mapping and the contract, without a server: every
 * field must be mapped, with a value the mapped type takes (objects field by field), and every
 * field the contract requires must have a value. What a strict template would refuse, and what a
 * reader relying on the contract would miss, shows up here as a problem.
 */
public final class DocumentCheck {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentCheck() {}

  /** What is wrong with {@code document} as a document of {@code index}; empty when nothing is. */
  public static List<String> problems(Index index, JsonNode document) {
    JsonNode properties;
    try {
      properties = JSON.readTree(index.template().json()).at("/template/mappings/properties");
    } catch (IOException e) {
      throw new TemplateException("template " + index.templateFile() + " is not valid JSON", e);
    }
    List<String> problems = new ArrayList<>();
    object(index.indexName(), properties, index.fields(), document, problems);
    return problems;
  }

  private static void object(String path, JsonNode properties, DocumentFields fields,
      JsonNode document, List<String> problems) {
    if (!document.isObject()) {
      problems.add(path + ": expected an object, got " + document.getNodeType());
      return;
    }
    for (String required : fields.required()) {
      JsonNode v = document.get(required);
      if (v == null || v.isNull()) {
        problems.add(path + "." + required + ": required by the contract, missing");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path + "." + e.getKey();
      JsonNode mapping = properties.get(e.getKey());
      if (mapping == null) {
        problems.add(at + ": not in the template's mapping");
        continue;
      }
      if (!fields.has(e.getKey())) {
        problems.add(at + ": mapped by the template but not a field of the contract");
      }
      value(at, mapping, fields.objects().get(e.getKey()), e.getValue(), problems);
    }
  }

  private static void value(String path, JsonNode mapping, DocumentFields objectFields,
      JsonNode value, List<String> problems) {
    if (value.isNull()) {
      return;
    }
    String type = mapping.has("properties") ? "object" : mapping.path("type").asText("object");
    if (type.equals("dense_vector")) {
      int dims = mapping.path("dims").asInt(-1);
      if (!value.isArray() || dims >= 0 && value.size() != dims) {
        problems.add(path + ": expected " + dims + " numbers for a dense_vector, got " + value);
        return;
      }
      value.forEach(v -> one(path, "double", mapping, null, v, problems));
      return;
    }
    if (value.isArray()) {
      value.forEach(v -> one(path, type, mapping, objectFields, v, problems));
    } else {
      one(path, type, mapping, objectFields, value, problems);
    }
  }

  private static void one(String path, String type, JsonNode mapping, DocumentFields objectFields,
      JsonNode v, List<String> problems) {
    if (v.isNull()) {
      return;
    }
    boolean fits = switch (type) {
      case "keyword", "text" -> v.isTextual();
      case "long", "integer", "short", "byte" -> v.isIntegralNumber();
      case "double", "float", "half_float", "scaled_float" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      case "date" -> v.isIntegralNumber() || v.isTextual() && isInstant(v.asText());
      case "object" -> {
        if (objectFields == null) {
          problems.add(path + ": an object field the contract does not describe");
        } else {
          object(path, mapping.path("properties"), objectFields, v, problems);
        }
        yield true;
      }
      default -> {
        problems.add(path + ": mapping type " + type + " is not one the contract checks");
        yield true;
      }
    };
    if (!fits) {
      problems.add(path + ": " + v.getNodeType() + " " + v + " does not fit mapping type " + type);
    }
  }

  private static boolean isInstant(String text) {
    try {
      Instant.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
