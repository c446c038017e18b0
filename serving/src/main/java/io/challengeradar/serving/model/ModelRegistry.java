package io.challengeradar.serving.model;

import io.challengeradar.serving.ModelUnavailableException;
import io.challengeradar.serving.UnknownModelException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models in service, one version per name, and the switch to newer versions.
 *
 * <p>A newer version is loaded while the old one keeps serving; the swap is one map write; the old
 * version then refuses new work, finishes what it had admitted and is freed. A caller that raced
 * the swap and hit the closing version is sent to the new one ({@link #call}), so no request in
 * flight is dropped by a reload.
 */
public final class ModelRegistry implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

  private final ModelStore store;
  private final ModelLoader loader;
  private final Map<String, LoadedModel<?, ?>> models = new ConcurrentHashMap<>();
  private final Object reloads = new Object();
  private volatile boolean ready;
  private ScheduledExecutorService watcher;

  public ModelRegistry(ModelStore store, ModelLoader loader) {
    this.store = store;
    this.loader = loader;
  }

  /**
   * Loads the newest version of every model in the store. Any failure fails the start: a server
   * that cannot load a configured model should not come up and look healthy.
   */
  public void loadAll() throws Exception {
    synchronized (reloads) {
      for (String name : store.names()) {
        Optional<ModelSpec> spec = store.newest(name);
        if (spec.isPresent()) {
          models.put(name, load(spec.get()));
        }
      }
      ready = true;
    }
  }

  /**
   * Loads every version newer than the one in service and switches to it. A version that fails to
   * load is logged and skipped; the older version keeps serving.
   *
   * @return the names of the models that were switched
   */
  public List<String> refresh() {
    List<String> switched = new ArrayList<>();
    synchronized (reloads) {
      List<String> names;
      try {
        names = store.names();
      } catch (IOException e) {
        LOG.warn("cannot list the model store: {}", e.getMessage());
        return switched;
      }
      for (String name : names) {
        try {
          Optional<ModelSpec> newest = store.newest(name);
          LoadedModel<?, ?> current = models.get(name);
          if (newest.isEmpty()
              || (current != null
                  && ModelStore.VERSION_ORDER.compare(newest.get().version(), current.version())
                      <= 0)) {
            continue;
          }
          LoadedModel<?, ?> next = load(newest.get());
          models.put(name, next);
          switched.add(name);
          LOG.info("model {} switched to version {}", name, next.version());
          if (current != null) {
            retire(current);
          }
        } catch (Exception e) {
          LOG.warn("model {}: newer version not loaded, older one keeps serving: {}", name, e.toString());
        }
      }
    }
    return switched;
  }

  /** Checks the store for newer versions every {@code interval}. */
  public synchronized void watch(Duration interval) {
    if (watcher != null || interval.isZero() || interval.isNegative()) {
      return;
    }
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "model-store-watcher");
              t.setDaemon(true);
              return t;
            });
    long ms = interval.toMillis();
    watcher.scheduleWithFixedDelay(this::refresh, ms, ms, TimeUnit.MILLISECONDS);
  }

  public boolean ready() {
    return ready;
  }

  /** Every model in service, by name. */
  public List<LoadedModel<?, ?>> loaded() {
    return models.values().stream()
        .sorted(java.util.Comparator.comparing(LoadedModel::name))
        .toList();
  }

  /**
   * The model called {@code name}, or the first model of {@code kind} when {@code name} is null.
   *
   * @throws UnknownModelException no model of that name
   * @throws ModelUnavailableException no model of that kind is loaded
   */
  public LoadedModel<?, ?> resolve(String name, ModelKind kind) {
    if (!ready) {
      throw new ModelUnavailableException("models are still loading", Duration.ofSeconds(5));
    }
    if (name != null) {
      LoadedModel<?, ?> m = models.get(name);
      if (m == null) {
        throw new UnknownModelException(name);
      }
      if (m.kind() != kind) {
        throw new io.challengeradar.serving.BadInputException(
            "model", "model " + name + " is a " + m.kind().key() + ", not a " + kind.key());
      }
      return m;
    }
    return loaded().stream()
        .filter(m -> m.kind() == kind)
        .findFirst()
        .orElseThrow(
            () ->
                new ModelUnavailableException(
                    "no "
                        + kind.key()
                        + " model loaded: add <name>/<version>/model.properties with kind="
                        + kind.key()
                        + " to the model store",
                    Duration.ofSeconds(60)));
  }

  /**
   * The first model of {@code kind} in service, if any: for optional models.
   *
   * @throws ModelUnavailableException the models are still loading
   */
  public Optional<LoadedModel<?, ?>> first(ModelKind kind) {
    if (!ready) {
      throw new ModelUnavailableException("models are still loading", Duration.ofSeconds(5));
    }
    return loaded().stream().filter(m -> m.kind() == kind).findFirst();
  }

  /**
   * Runs {@code inputs} through the resolved model and waits for the outputs.
   *
   * @return the model that answered and its outputs
   */
  @SuppressWarnings("unchecked")
  public <I, O> Answer<O> call(String name, ModelKind kind, List<I> inputs) {
    LoadedModel<I, O> model = (LoadedModel<I, O>) resolve(name, kind);
    try {
      return new Answer<>(model, model.engine().call(inputs));
    } catch (ModelUnavailableException e) {
      LoadedModel<I, O> now = (LoadedModel<I, O>) resolve(model.name(), kind);
      if (now == model) {
        throw e;
      }
      // The version we picked was retired between resolve and submit; the new one takes it.
      return new Answer<>(now, now.engine().call(inputs));
    }
  }

  /** Outputs and the model version that produced them. */
  public record Answer<O>(LoadedModel<?, ?> model, List<O> outputs) {}

  @Override
  public void close() {
    synchronized (this) {
      if (watcher != null) {
        watcher.shutdownNow();
      }
    }
    synchronized (reloads) {
      ready = false;
      models.values().forEach(m -> m.close(m.spec().batching().timeout()));
      models.clear();
    }
  }

  private LoadedModel<?, ?> load(ModelSpec spec) throws Exception {
    LOG.info(
        "loading model {} version {} ({}, engine {}, device {})",
        spec.name(), spec.version(), spec.kind().key(), spec.engine(), spec.device());
    return loader.load(spec);
  }

  private static void retire(LoadedModel<?, ?> old) {
    Thread t =
        new Thread(
            () -> old.close(old.spec().batching().timeout()),
            "retire-" + old.name() + "-" + old.version());
    t.setDaemon(true);
    t.start();
  }
}
