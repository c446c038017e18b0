package io.challengeradar.kubernetes;

import java.util.List;

/** The cluster lacks an operator the manifests need; the message names what to install. */
public final class MissingOperatorException extends KubernetesDeployException {
  private static final long serialVersionUID = 1L;
  private final List<String> missing;

  public MissingOperatorException(List<String> missing) {
    super("the cluster is missing what the manifests need:\n  - " + String.join("\n  - ", missing)
        + "\nInstall it and run again (docs/kubernetes.md, \"Install order\").");
    this.missing = List.copyOf(missing);
  }

  /** One line per missing CustomResourceDefinition or operator. */
  public List<String> missing() {
    return missing;
  }
}
