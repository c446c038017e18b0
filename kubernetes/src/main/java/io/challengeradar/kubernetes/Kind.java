package io.challengeradar.kubernetes;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Optional;

/**
 * Every kind the manifests hold, with what the deployer needs to talk about it without API
 * discovery: its plural, its scope, its stage, and for custom resources the operator to install
 * when its CustomResourceDefinition is missing. A manifest of any other kind is refused, so a new
 * kind cannot be applied in an order nobody chose.
 *
 * @param operator for custom resources: what to install, named for the message; null for
 *     built-in kinds
 */
public record Kind(String apiVersion, String kind, String plural, boolean namespaced, Stage stage,
    String operator) {

  static final String FLINK = "the Flink Kubernetes Operator 1.15"
      + " (helm install flink-kubernetes-operator from"
      + " https://downloads.apache.org/flink/flink-kubernetes-operator-1.15.0/)";
  static final String STRIMZI = "the Strimzi cluster operator 1.2"
      + " (kubectl create -f https://strimzi.io/install/latest?namespace=kafka)";
  static final String ECK = "ECK 3.5 (kubectl create -f"
      + " https://download.elastic.co/downloads/eck/3.5.0/crds.yaml, then operator.yaml)";
  static final String PROMETHEUS = "the Prometheus Operator (kube-prometheus-stack), for"
      + " ServiceMonitor";

  public static final List<Kind> ALL = List.of(
      new Kind("v1", "Namespace", "namespaces", false, Stage.FOUNDATION, null),
      new Kind("v1", "ServiceAccount", "serviceaccounts", true, Stage.FOUNDATION, null),
      new Kind("rbac.authorization.k8s.io/v1", "Role", "roles", true, Stage.FOUNDATION, null),
      new Kind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true,
          Stage.FOUNDATION, null),
      new Kind("v1", "ConfigMap", "configmaps", true, Stage.FOUNDATION, null),
      new Kind("v1", "Secret", "secrets", true, Stage.FOUNDATION, null),
      new Kind("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, Stage.FOUNDATION,
          null),
      new Kind("kafka.strimzi.io/v1", "Kafka", "kafkas", true, Stage.FOUNDATION, STRIMZI),
      new Kind("kafka.strimzi.io/v1", "KafkaNodePool", "kafkanodepools", true, Stage.FOUNDATION,
          STRIMZI),
      new Kind("kafka.strimzi.io/v1", "KafkaTopic", "kafkatopics", true, Stage.FOUNDATION,
          STRIMZI),
      new Kind("kafka.strimzi.io/v1", "KafkaUser", "kafkausers", true, Stage.FOUNDATION, STRIMZI),
      new Kind("elasticsearch.k8s.elastic.co/v1", "Elasticsearch", "elasticsearches", true,
          Stage.FOUNDATION, ECK),
      new Kind("kibana.k8s.elastic.co/v1", "Kibana", "kibanas", true, Stage.FOUNDATION, ECK),
      new Kind("v1", "Service", "services", true, Stage.SERVICES, null),
      new Kind("apps/v1", "Deployment", "deployments", true, Stage.SERVICES, null),
      new Kind("batch/v1", "Job", "jobs", true, Stage.SERVICES, null),
      new Kind("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, Stage.SERVICES,
          null),
      new Kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, Stage.SERVICES,
          null),
      new Kind("networking.k8s.io/v1", "Ingress", "ingresses", true, Stage.SERVICES, null),
      new Kind("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true,
          Stage.SERVICES, null),
      new Kind("monitoring.coreos.com/v1", "ServiceMonitor", "servicemonitors", true,
          Stage.SERVICES, PROMETHEUS),
      new Kind("flink.apache.org/v1beta1", "FlinkDeployment", "flinkdeployments", true,
          Stage.JOB, FLINK));

  /** The kind of {@code apiVersion}/{@code kind}; an error names the kinds there are. */
  public static Kind of(String apiVersion, String kind) {
    return find(apiVersion, kind).orElseThrow(() -> new IllegalArgumentException(
        "the deployer has no rule for " + apiVersion + " " + kind + "; it knows "
            + ALL.stream().map(k -> k.kind).toList()));
  }

  public static Optional<Kind> find(String apiVersion, String kind) {
    return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind))
        .findFirst();
  }

  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  public String version() {
    return apiVersion.substring(apiVersion.indexOf('/') + 1);
  }

  /** A custom resource's kind: one an operator adds. */
  public boolean custom() {
    return operator != null;
  }

  /** The name of the CustomResourceDefinition that serves this kind. */
  public String crdName() {
    return plural + "." + group();
  }

  ResourceDefinitionContext context() {
    return new ResourceDefinitionContext.Builder().withGroup(group()).withVersion(version())
        .withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
  }
}
