package io.challengeradar.contract;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.indices.get_index_template.IndexTemplateItem;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * PUTs composable index templates ({@code _index_template}), skipping those whose installed version
 * is the same or newer, so repeated starts send nothing and an older checkout never downgrades.
 */
public final class TemplateInstaller {
  private final ElasticsearchClient client;

  public TemplateInstaller(ElasticsearchClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** Installs every template shipped on the class path. */
  public List<TemplateOutcome> installAll() {
    return installAll(IngestSettings.SHIPPED);
  }

  /**
   * Installs every shipped template with {@code ingest} laid over its settings. With settings
   * other than the shipped ones, a template already installed at the same version is put again,
   * so that a changed setting reaches the indices created from now on (existing indices keep
   * theirs); a newer installed version is still kept.
   */
  public List<TemplateOutcome> installAll(IngestSettings ingest) {
    return install(IndexTemplates.load().stream().map(ingest::applyTo).toList(), !ingest.shipped());
  }

  /** Installs {@code templates}; returns one outcome per template, in order. */
  public List<TemplateOutcome> install(List<IndexTemplate> templates) {
    return install(templates, false);
  }

  /**
   * Installs {@code templates}; with {@code replaceSameVersion} a template installed at the same
   * version is put again (its settings may differ), a newer one is still kept.
   */
  public List<TemplateOutcome> install(List<IndexTemplate> templates, boolean replaceSameVersion) {
    Map<String, Long> installed = installedVersions();
    List<TemplateOutcome> outcomes = new ArrayList<>();
    for (IndexTemplate template : templates) {
      outcomes.add(installOne(template, installed, replaceSameVersion));
    }
    return outcomes;
  }

  private TemplateOutcome installOne(IndexTemplate template, Map<String, Long> installed,
      boolean replaceSameVersion) {
    boolean present = installed.containsKey(template.name());
    Long current = installed.get(template.name());
    if (current != null && current == template.version() && !replaceSameVersion) {
      return new TemplateOutcome(template.name(), template.version(),
          TemplateOutcome.Action.UNCHANGED, current);
    }
    if (current != null && current > template.version()) {
      return new TemplateOutcome(template.name(), template.version(),
          TemplateOutcome.Action.KEPT_NEWER, current);
    }
    try {
      client.indices().putIndexTemplate(r -> r
          .name(template.name())
          .withJson(new StringReader(template.json())));
    } catch (IOException | RuntimeException e) {
      throw new TemplateException("cannot install index template " + template.name() + " from "
          + template.origin() + ": " + e.getMessage(), e);
    }
    return new TemplateOutcome(template.name(), template.version(),
        present ? TemplateOutcome.Action.UPGRADED : TemplateOutcome.Action.INSTALLED, current);
  }

  /** Installed composable templates by name; a template without a version maps to null. */
  public Map<String, Long> installedVersions() {
    Map<String, Long> versions = new HashMap<>();
    try {
      for (IndexTemplateItem item : client.indices().getIndexTemplate().indexTemplates()) {
        versions.put(item.name(), item.indexTemplate().version());
      }
    } catch (IOException | RuntimeException e) {
      throw new TemplateException("cannot list the installed index templates: " + e.getMessage(),
          e);
    }
    return versions;
  }
}
