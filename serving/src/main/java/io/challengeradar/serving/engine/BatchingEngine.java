package io.challengeradar.serving.engine;

import io.challengeradar.serving.InferenceException;
import io.challengeradar.serving.ModelUnavailableException;
import io.challengeradar.serving.OverCapacityException;
import io.challengeradar.serving.RequestTimeoutException;
import io.challengeradar.serving.ServingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's bounded queue and its pool of batching workers. Knows nothing of HTTP.
 *
 * <p>Admission is all-or-nothing per submission: a request of n items either gets n queue slots or
 * is refused with {@link OverCapacityException} before anything is queued, so a caller never gets
 * half an answer because of load. Each worker blocks for a first item, then drains more until the
 * batch is full or {@link BatchingOptions#maxBatchDelay()} has passed. Items whose caller already
 * gave up (deadline passed or cancelled) are dropped unrun.
 *
 * <p>A worker killed by an {@link Error} (an {@link OutOfMemoryError} in the model, say) fails the
 * batch it held, counts as down ({@link #healthy()} is false, which makes the node's readiness
 * 503) and is started again with a fresh predictor after {@link BatchingOptions#restartDelay()},
 * doubled for each death in a row. While no worker is alive, submissions are refused with {@link
 * ModelUnavailableException} rather than queued for nobody.
 *
 * <p>Kept whole although over 300 lines: admission, the workers, their restarts and shutdown
 * share one lock and the slot count, and their invariants are checked more easily in one file.
 *
 * @param <I> one item's input
 * @param <O> one item's output
 */
public final class BatchingEngine<I, O> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingEngine.class);

  private final String model;
  private final BatchingOptions options;
  private final EngineListener listener;
  private final LongSupplier nanoClock;
  // Unbounded as a collection; bounded by the slots semaphore, which makes admission atomic.
  private final LinkedBlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
  private final Semaphore slots;
  private final Pending<I, O> stop = new Pending<>(null, 0L, new CompletableFuture<>());
  private final ReentrantReadWriteLock admission = new ReentrantReadWriteLock();
  private final BatchPredictor.Factory<I, O> predictors;
  private final Thread[] workers; // guarded by admission
  private final int[] deathsInARow; // guarded by admission
  private final AtomicInteger down = new AtomicInteger();
  private boolean open = true; // guarded by admission
  private volatile long lastBatchNanos;

  private record Pending<I, O>(I input, long deadline, CompletableFuture<O> result) {}

  /**
   * Creates every worker's predictor (so a model that cannot load fails here, not on the first
   * request), then starts the workers.
   */
  public BatchingEngine(
      String model,
      BatchingOptions options,
      BatchPredictor.Factory<I, O> predictors,
      EngineListener listener)
      throws Exception {
    this(model, options, predictors, listener, System::nanoTime);
  }

  BatchingEngine(
      String model,
      BatchingOptions options,
      BatchPredictor.Factory<I, O> predictors,
      EngineListener listener,
      LongSupplier nanoClock)
      throws Exception {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("model must be named");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must be set");
    }
    if (predictors == null) {
      throw new IllegalArgumentException("predictors must be set");
    }
    this.model = model;
    this.options = options;
    this.listener = listener == null ? EngineListener.NONE : listener;
    this.nanoClock = nanoClock;
    this.predictors = predictors;
    this.slots = new Semaphore(options.queueCapacity());
    this.workers = new Thread[options.workers()];
    this.deathsInARow = new int[options.workers()];
    List<BatchPredictor<I, O>> created = new ArrayList<>();
    try {
      for (int i = 0; i < options.workers(); i++) {
        created.add(predictors.create());
      }
    } catch (Exception e) {
      for (BatchPredictor<I, O> p : created) {
        closeQuietly(p);
      }
      throw e;
    }
    admission.writeLock().lock();
    try {
      for (int i = 0; i < created.size(); i++) {
        startWorker(i, created.get(i));
      }
    } finally {
      admission.writeLock().unlock();
    }
  }

  /** Caller holds the admission lock. */
  private void startWorker(int index, BatchPredictor<I, O> predictor) {
    Thread t = new Thread(() -> work(index, predictor), "engine-" + model + "-" + index);
    t.setDaemon(true);
    workers[index] = t;
    t.start();
  }

  public String model() {
    return model;
  }

  public BatchingOptions options() {
    return options;
  }

  /** Whether new work is admitted; false once {@link #close} has begun. */
  public boolean accepting() {
    admission.readLock().lock();
    try {
      return open;
    } finally {
      admission.readLock().unlock();
    }
  }

  /** Whether every worker is alive; false while one that died waits for its restart. */
  public boolean healthy() {
    return down.get() == 0;
  }

  /** Workers that died and are not running again yet. */
  public int workersDown() {
    return down.get();
  }

  /** Items waiting for a worker. */
  public int queueDepth() {
    return options.queueCapacity() - slots.availablePermits();
  }

  /**
   * Queues every input or none.
   *
   * @return one future per input, in order; each completes with the output or a {@link
   *     ServingException}
   * @throws OverCapacityException when fewer than {@code inputs.size()} queue slots are free
   * @throws ModelUnavailableException when the engine is shutting down
   */
  public List<CompletableFuture<O>> submit(List<I> inputs) {
    int n = inputs.size();
    if (n == 0) {
      return List.of();
    }
    admission.readLock().lock();
    try {
      if (!open) {
        throw report(
            new ModelUnavailableException("model " + model + " is shutting down", retryAfter()));
      }
      if (down.get() == workers.length) {
        throw report(new ModelUnavailableException("model " + model + " has no live worker: it"
            + " died and is being restarted", restartWait()));
      }
      if (!slots.tryAcquire(n)) {
        throw report(
            new OverCapacityException(model, n, slots.availablePermits(), retryAfter()));
      }
      long deadline = nanoClock.getAsLong() + options.timeout().toNanos();
      List<CompletableFuture<O>> results = new ArrayList<>(n);
      for (I input : inputs) {
        CompletableFuture<O> result = new CompletableFuture<>();
        queue.add(new Pending<>(input, deadline, result));
        results.add(result);
      }
      return results;
    } finally {
      admission.readLock().unlock();
    }
  }

  /**
   * Queues every input and waits for all outputs, at most the engine's timeout.
   *
   * @throws ServingException the first failure among the items, or a timeout
   */
  public List<O> call(List<I> inputs) {
    List<CompletableFuture<O>> futures = submit(inputs);
    long deadline = System.nanoTime() + options.timeout().toNanos();
    List<O> outputs = new ArrayList<>(futures.size());
    try {
      for (CompletableFuture<O> f : futures) {
        long left = Math.max(0L, deadline - System.nanoTime());
        outputs.add(f.get(left, TimeUnit.NANOSECONDS));
      }
      return outputs;
    } catch (TimeoutException e) {
      RequestTimeoutException timeout = new RequestTimeoutException(model, options.timeout());
      // Completing the rest tells the workers to skip them rather than compute unread answers.
      futures.forEach(f -> f.completeExceptionally(timeout));
      throw report(timeout);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(false));
      if (e.getCause() instanceof ServingException se) {
        throw se;
      }
      throw new InferenceException("model " + model + " failed", e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(false));
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException("interrupted while waiting for " + model, retryAfter());
    }
  }

  /** Refuses new work, lets queued and running items finish, and stops the workers. */
  @Override
  public void close() {
    close(options.timeout());
  }

  /**
   * Refuses new work and waits up to {@code grace} for queued and running items to finish; items
   * still queued after that are failed with {@link ModelUnavailableException}.
   *
   * @return true if everything finished within the grace period
   */
  public boolean close(Duration grace) {
    List<Thread> running;
    admission.writeLock().lock();
    try {
      if (open) {
        open = false;
        // FIFO: the stop markers sit behind every admitted item, so those are still served. A
        // worker that is down gets none: its restart sees the engine closed and stops there.
        for (int i = 0; i < workers.length - down.get(); i++) {
          queue.add(stop);
        }
      }
      running = List.of(workers);
    } finally {
      admission.writeLock().unlock();
    }
    long deadline = System.nanoTime() + grace.toNanos();
    boolean clean = true;
    try {
      for (Thread t : running) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
        if (t.isAlive()) {
          clean = false;
          t.interrupt();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      clean = false;
    }
    ModelUnavailableException gone =
        new ModelUnavailableException("model " + model + " was shut down", retryAfter());
    for (Pending<I, O> p; (p = queue.poll()) != null; ) {
      p.result().completeExceptionally(gone);
    }
    return clean;
  }

  private void work(int index, BatchPredictor<I, O> predictor) {
    List<Pending<I, O>> batch = List.of();
    try {
      boolean stopping = false;
      while (!stopping) {
        Pending<I, O> first = queue.take();
        if (first == stop) {
          break;
        }
        slots.release();
        batch = new ArrayList<>(options.maxBatchSize());
        batch.add(first);
        long fillUntil = System.nanoTime() + options.maxBatchDelay().toNanos();
        while (batch.size() < options.maxBatchSize()) {
          long left = fillUntil - System.nanoTime();
          Pending<I, O> next =
              left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          if (next == stop) {
            stopping = true;
            break;
          }
          slots.release();
          batch.add(next);
        }
        run(index, predictor, batch);
        batch = List.of();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Error e) {
      // Counted down first, so a caller that sees its item fail also sees the readiness drop.
      int deaths = markDown(index);
      InferenceException failure = new InferenceException("model " + model + ": its worker died"
          + " on this batch (" + e.getClass().getSimpleName() + ") and is being restarted", null);
      batch.forEach(p -> p.result().completeExceptionally(failure));
      listener.failed(model, failure);
      closeQuietly(predictor);
      died(index, deaths, e);
      return;
    }
    closeQuietly(predictor);
  }

  /** @return the worker's deaths in a row, this one included */
  private int markDown(int index) {
    admission.writeLock().lock();
    try {
      down.incrementAndGet();
      return ++deathsInARow[index];
    } finally {
      admission.writeLock().unlock();
    }
  }

  /** Reports the death and schedules the worker's restart (which stops if the engine closed). */
  private void died(int index, int deaths, Error error) {
    Duration wait = restartDelay(deaths);
    LOG.error("model {}: worker {} died ({}); starting it again in {} ms", model, index,
        error.toString(), wait.toMillis());
    listener.workerDied(model, error);
    Thread restarter = new Thread(() -> restart(index, wait), "engine-" + model + "-restart-" + index);
    restarter.setDaemon(true);
    restarter.start();
  }

  private void restart(int index, Duration wait) {
    try {
      while (true) {
        TimeUnit.NANOSECONDS.sleep(wait.toNanos());
        if (!accepting()) {
          return; // closed meanwhile: no predictor (a model's memory) for nothing
        }
        BatchPredictor<I, O> predictor;
        try {
          predictor = predictors.create();
        } catch (Exception | Error e) {
          int deaths;
          admission.writeLock().lock();
          try {
            deaths = ++deathsInARow[index];
          } finally {
            admission.writeLock().unlock();
          }
          wait = restartDelay(deaths);
          LOG.error("model {}: worker {} could not be started again ({}); next try in {} ms",
              model, index, e.toString(), wait.toMillis());
          continue;
        }
        admission.writeLock().lock();
        try {
          if (!open) {
            closeQuietly(predictor);
            return;
          }
          startWorker(index, predictor);
          down.decrementAndGet();
        } finally {
          admission.writeLock().unlock();
        }
        LOG.info("model {}: worker {} running again", model, index);
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration restartDelay(int deathsInARow) {
    Duration first = options.restartDelay();
    Duration cap = first.compareTo(BatchingOptions.MAX_RESTART_DELAY) > 0
        ? first : BatchingOptions.MAX_RESTART_DELAY;
    Duration wait = first.multipliedBy(1L << Math.min(20, deathsInARow - 1));
    return wait.compareTo(cap) > 0 ? cap : wait;
  }

  private Duration restartWait() {
    return Duration.ofSeconds(Math.max(1, (options.restartDelay().toMillis() + 999) / 1000));
  }

  private void run(int index, BatchPredictor<I, O> predictor, List<Pending<I, O>> batch) {
    long now = nanoClock.getAsLong();
    List<Pending<I, O>> live = new ArrayList<>(batch.size());
    for (Pending<I, O> p : batch) {
      if (p.result().isDone()) {
        continue; // the caller gave up already
      }
      if (now - p.deadline() > 0) {
        RequestTimeoutException timeout = new RequestTimeoutException(model, options.timeout());
        if (p.result().completeExceptionally(timeout)) {
          listener.failed(model, timeout);
        }
        continue;
      }
      live.add(p);
    }
    if (live.isEmpty()) {
      return;
    }
    List<I> inputs = new ArrayList<>(live.size());
    for (Pending<I, O> p : live) {
      inputs.add(p.input());
    }
    long start = System.nanoTime();
    try {
      List<O> outputs = predictor.predict(inputs);
      if (outputs == null || outputs.size() != inputs.size()) {
        throw new InferenceException(
            "model "
                + model
                + " returned "
                + (outputs == null ? "null" : outputs.size() + " outputs")
                + " for "
                + inputs.size()
                + " inputs",
            null);
      }
      for (int i = 0; i < live.size(); i++) {
        live.get(i).result().complete(outputs.get(i));
      }
      if (deathsInARow[index] != 0) {
        resetDeaths(index);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        // close() gave up waiting; keep the flag so the worker loop stops after failing the batch.
        Thread.currentThread().interrupt();
      }
      ServingException failure =
          e instanceof ServingException se
              ? se
              : new InferenceException("model " + model + " failed on a batch: " + e, e);
      listener.failed(model, failure);
      for (Pending<I, O> p : live) {
        p.result().completeExceptionally(failure);
      }
    } finally {
      long took = System.nanoTime() - start;
      lastBatchNanos = took;
      listener.batchRan(model, live.size(), took);
    }
  }

  private void resetDeaths(int index) {
    admission.writeLock().lock();
    try {
      deathsInARow[index] = 0;
    } finally {
      admission.writeLock().unlock();
    }
  }

  /** A rough wait until the current queue has drained, at least one second. */
  private Duration retryAfter() {
    long batches = (queueDepth() + options.maxBatchSize() - 1L) / options.maxBatchSize();
    long nanos = batches * lastBatchNanos / options.workers();
    return Duration.ofSeconds(Math.max(1L, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1));
  }

  private <E extends ServingException> E report(E error) {
    listener.failed(model, error);
    return error;
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing a predictor only frees native memory; nothing a caller could do about a failure.
    }
  }
}
