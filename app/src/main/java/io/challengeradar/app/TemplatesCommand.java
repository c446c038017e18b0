package io.challengeradar.app;

import io.challengeradar.config.CommonOptions;
import io.challengeradar.config.Config;
import io.challengeradar.config.ElasticsearchAccess;
import io.challengeradar.contract.TemplateException;
import io.challengeradar.contract.TemplateInstaller;
import io.challengeradar.contract.TemplateOutcome;
import io.challengeradar.contract.client.ElasticsearchAccessException;
import io.challengeradar.contract.client.ElasticsearchClientFactory;
import io.challengeradar.infra.ElasticsearchClients;
import io.challengeradar.infra.ElasticsearchConnection;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code radar templates install}: the contract's index templates into an Elasticsearch that
 * {@code radar up} did not start (a cluster on Kubernetes: the setup Job runs this). Reads the
 * query API's connection settings, the ones any client of the cluster needs.
 */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = "Manage the index templates of an Elasticsearch cluster.",
    subcommands = {TemplatesCommand.Install.class})
public final class TemplatesCommand {

  @Command(name = "install", mixinStandardHelpOptions = true,
      description = "Install the index templates the documents need, skipping those already at"
          + " their version or newer (so running it again changes nothing).")
  static final class Install implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin SettingsFlags settings = new SettingsFlags();

    @Option(names = "--es", paramLabel = "URL",
        description = "Elasticsearch (elasticsearch.hosts; default from the settings).")
    String es;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Config.Loader loader = settings.loader("api");
      if (es != null) {
        loader.flag(CommonOptions.ELASTICSEARCH_HOSTS.key(), es, "--es");
      }
      ElasticsearchAccess access;
      try {
        access = ElasticsearchAccess.from(settings.load(loader));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("radar templates install: " + e.getMessage());
        return 2;
      }
      try (ElasticsearchConnection connection = ElasticsearchClients.create(access)) {
        ElasticsearchClientFactory.checkAccess(connection.restClient(), access);
        List<TemplateOutcome> outcomes = new TemplateInstaller(connection.client()).installAll();
        outcomes.forEach(o -> out.println("template " + o.name() + " v" + o.version() + ": "
            + o.action().name().toLowerCase(java.util.Locale.ROOT)));
        return 0;
      } catch (ElasticsearchAccessException e) {
        spec.commandLine().getErr().println("radar templates install: " + e.getMessage());
        return 2;
      } catch (TemplateException e) {
        spec.commandLine().getErr().println("radar templates install: " + e.getMessage());
        return 1;
      }
    }
  }
}
