package io.challengeradar.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Index settings that trade search freshness or redundancy for ingest speed, laid over every
 * shipped template when it is installed: how often new writes become searchable ({@code
 * index.refresh_interval}) and how many replicas each shard has ({@code
 * index.number_of_replicas}). The templates' own values are kept for what is left unset.
 *
 * @param refreshInterval an Elasticsearch time value ({@code 1s}, {@code 30s}, {@code -1} for
 *     refreshes only when asked); null or empty keeps the templates'
 * @param replicas replicas per shard; null keeps the templates'
 */
public record IngestSettings(String refreshInterval, Integer replicas) {

  /** Nothing overridden: the templates as shipped. */
  public static final IngestSettings SHIPPED = new IngestSettings(null, null);

  private static final ObjectMapper JSON = new ObjectMapper();

  public IngestSettings {
    refreshInterval = refreshInterval == null || refreshInterval.isBlank()
        ? null : refreshInterval.strip();
    if (refreshInterval != null && !refreshInterval.matches("-1|\\d+(ms|s|m|h)")) {
      throw new IllegalArgumentException("refreshInterval must be -1 or a time such as 1s or"
          + " 500ms, was '" + refreshInterval + "'");
    }
    if (replicas != null && replicas < 0) {
      throw new IllegalArgumentException("replicas must be 0 or more, was " + replicas);
    }
  }

  public boolean shipped() {
    return refreshInterval == null && replicas == null;
  }

  /** {@code template} with these settings in its {@code template.settings}. */
  public IndexTemplate applyTo(IndexTemplate template) {
    if (shipped()) {
      return template;
    }
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(template.json());
      ObjectNode settings = body.with("template").with("settings");
      if (refreshInterval != null) {
        settings.put("refresh_interval", refreshInterval);
      }
      if (replicas != null) {
        settings.put("number_of_replicas", replicas);
      }
      return new IndexTemplate(template.name(), template.version(),
          JSON.writeValueAsString(body), template.origin() + " with " + this);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new TemplateException("cannot lay ingest settings over template " + template.name()
          + " from " + template.origin() + ": " + e.getMessage(), e);
    }
  }
}
