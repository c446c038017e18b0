package io.challengeradar.kubernetes;

/**
 * The order {@code radar k8s apply} follows: each stage is applied, then waited for, before the
 * next begins, because each needs the one before it (the job needs Kafka's topics and users,
 * Elasticsearch's templates and the serving tier).
 */
public enum Stage {
  /** Namespace, accounts, settings, Kafka and Elasticsearch: wait until the operators say Ready. */
  FOUNDATION,
  /** The serving tier, the query API and the setup Job: wait until ready and the Job completed. */
  SERVICES,
  /** The Flink job: wait until the operator reports it RUNNING. */
  JOB
}
