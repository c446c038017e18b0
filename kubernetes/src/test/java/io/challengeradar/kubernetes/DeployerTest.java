package io.challengeradar.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deployer against fabric8's mock API server in CRUD mode, operators played by a thread. */
@EnableKubernetesMockClient(crud = true)
class DeployerTest {
  private static final String NS = "radar-test";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  KubernetesClient client;
  private FakeOperators operators;
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @BeforeEach
  void installOperators() {
    for (Kind k : Kind.ALL) {
      if (k.custom()) {
        installCrd(k);
      }
    }
    client.apps().deployments().inNamespace("flink").resource(new DeploymentBuilder()
        .withNewMetadata().withName("flink-kubernetes-operator").endMetadata().build()).create();
    client.apps().deployments().inNamespace("kafka").resource(new DeploymentBuilder()
        .withNewMetadata().withName("strimzi-cluster-operator").endMetadata().build()).create();
    client.apps().statefulSets().inNamespace("elastic-system").resource(new StatefulSetBuilder()
        .withNewMetadata().withName("elastic-operator").endMetadata().build()).create();
    operators = new FakeOperators(client, NS);
  }

  @AfterEach
  void stopOperators() {
    if (operators == null) {
      return;
    }
    operators.close();
    assertThat(operators.errors).as("errors of the stand-in operators").isEmpty();
  }

  @Test
  void appliesStageByStageWaitingUntilEachIsReady() {
    operators.start();

    List<Deployer.Applied> applied = deployer().apply(manifests(), true);

    assertThat(applied).extracting(Deployer.Applied::action).containsOnly(Deployer.Action.CREATED);
    assertThat(applied).extracting(Deployer.Applied::kind).containsExactly("Namespace",
        "ConfigMap", "Secret", "Kafka", "KafkaTopic", "Elasticsearch", "Deployment",
        "HorizontalPodAutoscaler", "Job", "FlinkDeployment");
    // Kafka and Elasticsearch were ready before anything of the next stage existed, the
    // services before the job.
    assertThat(operators.existingWhenReadied.get("Elasticsearch radar"))
        .noneMatch(o -> o.startsWith("Deployment") || o.startsWith("FlinkDeployment"));
    assertThat(operators.existingWhenReadied.get("Kafka radar-kafka"))
        .noneMatch(o -> o.startsWith("Deployment") || o.startsWith("FlinkDeployment"));
    assertThat(operators.existingWhenReadied.get("Deployment radar-serving"))
        .noneMatch(o -> o.startsWith("FlinkDeployment"));
    assertThat(operators.readied).last().isEqualTo("FlinkDeployment radar-pipeline");
  }

  @Test
  void aSecondApplyChangesNothing() {
    operators.start();
    Deployer deployer = deployer();
    deployer.apply(manifests(), true);
    String version = flink().getMetadata().getResourceVersion();

    List<Deployer.Applied> again = deployer.apply(manifests(), true);

    assertThat(again).extracting(Deployer.Applied::action)
        .containsOnly(Deployer.Action.UNCHANGED);
    assertThat(flink().getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void reappliesOnlyWhatChangedAndLeavesTheAutoscalersReplicas() {
    operators.start();
    Deployer deployer = deployer();
    deployer.apply(manifests(), true);
    GenericKubernetesResource serving = client.genericKubernetesResources("apps/v1", "Deployment")
        .inNamespace(NS).withName("radar-serving").get();
    Map<String, Object> spec = serving.get("spec");
    spec.put("replicas", 4);
    client.genericKubernetesResources("apps/v1", "Deployment").inNamespace(NS).resource(serving)
        .update();

    List<Deployer.Applied> again = deployer.apply(Manifests.parse(
        read().replace("job.parallelism: \"2\"", "job.parallelism: \"4\"")), true);

    assertThat(again).filteredOn(a -> a.action() != Deployer.Action.UNCHANGED)
        .containsExactly(new Deployer.Applied("ConfigMap", "radar-job-settings",
            Deployer.Action.UPDATED));
    assertThat(client.configMaps().inNamespace(NS).withName("radar-job-settings").get()
        .getData()).containsEntry("job.parallelism", "4");
  }

  @Test
  void upgradesTheJobThroughASavepoint() {
    String newJar = "local:///opt/flink/usrlib/radar-job-2.jar";
    operators.statuses.put("FlinkDeployment", r -> {
      Object jarUri = r.get("spec", "job", "jarURI");
      String jar = String.valueOf(jarUri);
      return jar.equals(newJar) ? Map.of("jobStatus", Map.of("state", "RUNNING",
              "upgradeSavepointPath", "file:///flink-data/savepoints/savepoint-1"),
          "reconciliationStatus", Map.of("lastReconciledSpec", "{\"job\":{\"jarURI\":\""
              + jar + "\"}}"))
          : Map.of("jobStatus", Map.of("state", "RUNNING"), "reconciliationStatus",
              Map.of("lastReconciledSpec", "{\"job\":{\"jarURI\":\"" + jar + "\"}}"));
    });
    operators.start();
    Deployer deployer = deployer();
    deployer.apply(manifests(), true);

    Deployer.Upgrade done = deployer.upgrade(NS, "radar-pipeline", newJar,
        "registry.example.com/challenge-radar/flink-job:2");

    assertThat(done.savepoint()).isEqualTo("file:///flink-data/savepoints/savepoint-1");
    Object mode = flink().get("spec", "job", "upgradeMode");
    Object image = flink().get("spec", "image");
    assertThat(mode).isEqualTo("savepoint");
    assertThat(image).isEqualTo("registry.example.com/challenge-radar/flink-job:2");
  }

  @Test
  void namesTheOperatorToInstallWhenItsCrdIsMissingAndAppliesNothing() {
    client.apiextensions().v1().customResourceDefinitions().withName("kafkas.kafka.strimzi.io")
        .delete();

    assertThatThrownBy(() -> deployer().apply(manifests(), true))
        .isInstanceOf(MissingOperatorException.class)
        .hasMessageContaining("kafkas.kafka.strimzi.io")
        .hasMessageContaining("Strimzi cluster operator 1.2");
    assertThat(client.namespaces().withName(NS).get()).isNull();
  }

  @Test
  void namesTheOperatorWhoseWorkloadDoesNotRun() {
    client.apps().statefulSets().inNamespace("elastic-system").withName("elastic-operator")
        .delete();

    assertThatThrownBy(() -> deployer().apply(manifests(), true))
        .isInstanceOf(MissingOperatorException.class)
        .hasMessageContaining("StatefulSet elastic-operator").hasMessageContaining("ECK 3.5");
  }

  @Test
  void stopsWithTheReasonWhenTheSetupJobFails() {
    operators.statuses.put("Job", r -> Map.of("conditions", List.of(Map.of("type", "Failed",
        "status", "True", "message", "BackoffLimitExceeded"))));
    operators.start();

    assertThatThrownBy(() -> deployer().apply(manifests(), true))
        .isInstanceOf(KubernetesDeployException.class)
        .hasMessageContaining("Job radar-setup failed: BackoffLimitExceeded");
    assertThat(flinkOrNull()).isNull();
  }

  @Test
  void statusReportsEachComponent() {
    operators.start();
    Deployer deployer = deployer();
    deployer.apply(manifests(), true);

    assertThat(deployer.status(manifests())).extracting(s -> s.kind() + " " + s.name() + ": "
        + s.detail()).contains("Kafka radar-kafka: Ready", "Elasticsearch radar: phase Ready,"
        + " health green", "Deployment radar-serving: 2/2 ready",
        "FlinkDeployment radar-pipeline: job RUNNING, lifecycle STABLE");
  }

  private Deployer deployer() {
    return new Deployer(client, TIMEOUT, Duration.ofMillis(50), progress::add);
  }

  private GenericKubernetesResource flink() {
    GenericKubernetesResource f = flinkOrNull();
    assertThat(f).isNotNull();
    return f;
  }

  private GenericKubernetesResource flinkOrNull() {
    return client.genericKubernetesResources(Kind.of("flink.apache.org/v1beta1",
        "FlinkDeployment").context()).inNamespace(NS).withName("radar-pipeline").get();
  }

  private void installCrd(Kind k) {
    client.apiextensions().v1().customResourceDefinitions().resource(
        new CustomResourceDefinitionBuilder().withNewMetadata().withName(k.crdName())
            .endMetadata().withNewSpec().withGroup(k.group()).withScope("Namespaced")
            .withNewNames().withKind(k.kind()).withPlural(k.plural()).endNames()
            .addNewVersion().withName(k.version()).withServed(true).withStorage(true)
            .withNewSubresources().withNewStatus().endStatus().endSubresources()
            .endVersion().endSpec().build()).create();
  }

  private static Manifests manifests() {
    return Manifests.parse(read());
  }

  private static String read() {
    try (InputStream in = DeployerTest.class.getResourceAsStream("small-platform.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
