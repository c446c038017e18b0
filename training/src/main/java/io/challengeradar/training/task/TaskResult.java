package io.challengeradar.training.task;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param headline the metrics {@code radar evaluate --json} prints
 * @param reportDir the run's report folder
 * @param modelDir the model store version folder the head was registered in
 */
public record TaskResult(String task, Map<String, Double> headline, Path reportDir, Path modelDir) {}
