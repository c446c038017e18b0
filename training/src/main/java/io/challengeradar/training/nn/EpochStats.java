package io.challengeradar.training.nn;

/**
 * One epoch of training.
 *
 * @param trainLoss mean training loss over the epoch's batches
 * @param validationLoss loss on the validation rows (dropout off)
 * @param validationMetric accuracy (binary) or mean absolute error (regression) on the validation rows
 */
public record EpochStats(int epoch, double trainLoss, double validationLoss, double validationMetric) {}
