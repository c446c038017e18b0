package io.challengeradar.serving.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.challengeradar.serving.InferenceException;
import io.challengeradar.serving.ModelUnavailableException;
import io.challengeradar.serving.OverCapacityException;
import io.challengeradar.serving.RequestTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchingEngineTest {

  private static final Duration LONG = Duration.ofSeconds(30);
  private static final BatchingOptions NO_DELAY =
      new BatchingOptions(4, Duration.ZERO, 100, 1, LONG);

  /** Doubles its inputs; the first batch waits for {@link #release} so tests can pile work up. */
  private static final class GatedDoubler implements BatchPredictor<Integer, Integer> {
    final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public List<Integer> predict(List<Integer> batch) throws InterruptedException {
      batches.add(List.copyOf(batch));
      entered.countDown();
      if (!release.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the predictor");
      }
      return batch.stream().map(i -> i * 2).toList();
    }

    @Override
    public void close() {
      closed.set(true);
    }

    List<Integer> sizes() {
      synchronized (batches) {
        return batches.stream().map(List::size).toList();
      }
    }
  }

  private final List<BatchingEngine<?, ?>> engines = new ArrayList<>();

  @AfterEach
  void closeEngines() {
    engines.forEach(e -> e.close(Duration.ofSeconds(5)));
  }

  private BatchingEngine<Integer, Integer> engine(
      BatchingOptions options, BatchPredictor<Integer, Integer> predictor) throws Exception {
    return engine(options, predictor, System::nanoTime);
  }

  private BatchingEngine<Integer, Integer> engine(
      BatchingOptions options,
      BatchPredictor<Integer, Integer> predictor,
      java.util.function.LongSupplier clock)
      throws Exception {
    BatchingEngine<Integer, Integer> e =
        new BatchingEngine<>("test", options, () -> predictor, EngineListener.NONE, clock);
    engines.add(e);
    return e;
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.range(from, to).boxed().toList();
  }

  private static <T> List<T> join(List<CompletableFuture<T>> futures) {
    return futures.stream().map(CompletableFuture::join).toList();
  }

  @Test
  void splitsQueuedWorkIntoBatchesOfAtMostMaxSize() throws Exception {
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine = engine(NO_DELAY, model);
    List<CompletableFuture<Integer>> first = engine.submit(List.of(0));
    model.entered.await();
    List<CompletableFuture<Integer>> rest = engine.submit(range(1, 11));
    model.release.countDown();

    assertThat(join(first)).containsExactly(0);
    assertThat(join(rest)).containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
    assertThat(model.sizes()).containsExactly(1, 4, 4, 2);
    assertThat(model.batches.get(1)).containsExactly(1, 2, 3, 4);
  }

  @Test
  void waitsUpToTheDelayToFillABatch() throws Exception {
    GatedDoubler model = new GatedDoubler();
    model.release.countDown();
    BatchingEngine<Integer, Integer> engine =
        engine(new BatchingOptions(3, LONG, 100, 1, LONG), model);
    List<CompletableFuture<Integer>> a = engine.submit(List.of(1));
    List<CompletableFuture<Integer>> b = engine.submit(List.of(2, 3));

    assertThat(join(a)).containsExactly(2);
    assertThat(join(b)).containsExactly(4, 6);
    assertThat(model.sizes()).containsExactly(3);
  }

  @Test
  void runsAPartialBatchWhenTheDelayRunsOut() throws Exception {
    GatedDoubler model = new GatedDoubler();
    model.release.countDown();
    BatchingEngine<Integer, Integer> engine =
        engine(new BatchingOptions(100, Duration.ofMillis(20), 100, 1, LONG), model);

    assertThat(engine.call(List.of(21))).containsExactly(42);
    assertThat(model.sizes()).containsExactly(1);
  }

  @Test
  void refusesASubmissionThatDoesNotFitWithoutQueueingAnyOfIt() throws Exception {
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine =
        engine(new BatchingOptions(1, Duration.ZERO, 3, 1, LONG), model);
    List<CompletableFuture<Integer>> running = engine.submit(List.of(0));
    model.entered.await();
    List<CompletableFuture<Integer>> queued = engine.submit(List.of(1, 2));

    assertThatThrownBy(() -> engine.submit(List.of(3, 4)))
        .isInstanceOf(OverCapacityException.class)
        .hasMessageContaining("2 item(s) requested, 1 queue slot(s) free")
        .satisfies(
            e -> assertThat(((OverCapacityException) e).retryAfter()).isPositive());
    assertThat(engine.queueDepth()).isEqualTo(2);
    List<CompletableFuture<Integer>> last = engine.submit(List.of(3));

    model.release.countDown();
    assertThat(join(running)).containsExactly(0);
    assertThat(join(queued)).containsExactly(2, 4);
    assertThat(join(last)).containsExactly(6);
    assertThat(model.batches).containsExactly(List.of(0), List.of(1), List.of(2), List.of(3));
  }

  @Test
  void dropsItemsWhoseDeadlinePassedWhileQueued() throws Exception {
    AtomicLong now = new AtomicLong();
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine =
        engine(new BatchingOptions(4, Duration.ZERO, 10, 1, Duration.ofMillis(100)), model,
            now::get);
    List<CompletableFuture<Integer>> running = engine.submit(List.of(1));
    model.entered.await();
    List<CompletableFuture<Integer>> late = engine.submit(List.of(2));
    now.addAndGet(Duration.ofMillis(101).toNanos());
    model.release.countDown();

    assertThat(join(running)).containsExactly(2);
    assertThatThrownBy(() -> late.get(0).get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(RequestTimeoutException.class);
    assertThat(model.batches).containsExactly(List.of(1));
  }

  @Test
  void callTimesOutAndTheAbandonedItemsAreNotRun() throws Exception {
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine =
        engine(new BatchingOptions(4, Duration.ZERO, 10, 1, Duration.ofMillis(50)), model);
    List<CompletableFuture<Integer>> running = engine.submit(List.of(1));
    model.entered.await();

    assertThatThrownBy(() -> engine.call(List.of(2, 3)))
        .isInstanceOf(RequestTimeoutException.class)
        .hasMessageContaining("within 50 ms");
    model.release.countDown();
    running.get(0).handle((v, e) -> v).join();
    // The worker is idle again once the abandoned items have been skipped.
    assertThat(engine.call(List.of(4))).containsExactly(8);
    assertThat(model.batches).doesNotContain(List.of(2, 3));
  }

  @Test
  void aFailingBatchFailsOnlyItsItemsAndTheEngineKeepsServing() throws Exception {
    AtomicBoolean fail = new AtomicBoolean(true);
    BatchPredictor<Integer, Integer> flaky =
        batch -> {
          if (fail.getAndSet(false)) {
            throw new IllegalStateException("boom");
          }
          return batch;
        };
    BatchingEngine<Integer, Integer> engine = engine(NO_DELAY, flaky);

    assertThatThrownBy(() -> engine.call(List.of(1)))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("boom");
    assertThat(engine.call(List.of(7))).containsExactly(7);
  }

  @Test
  void reportsAModelThatAnswersTheWrongNumberOfOutputs() throws Exception {
    BatchingEngine<Integer, Integer> engine = engine(NO_DELAY, batch -> List.of());

    assertThatThrownBy(() -> engine.call(List.of(1)))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("returned 0 outputs for 1 inputs");
  }

  @Test
  void closeFinishesAdmittedWorkRefusesNewWorkAndStopsWorkers() throws Exception {
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine = engine(NO_DELAY, model);
    List<CompletableFuture<Integer>> running = engine.submit(List.of(1));
    model.entered.await();
    List<CompletableFuture<Integer>> queued = engine.submit(List.of(2, 3));
    CompletableFuture<Boolean> closed =
        CompletableFuture.supplyAsync(() -> engine.close(LONG));

    // Once close has begun, new work is refused while the admitted work is still pending.
    awaitRefusal(engine);
    assertThat(queued).noneMatch(CompletableFuture::isDone);
    model.release.countDown();

    assertThat(closed.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(join(running)).containsExactly(2);
    assertThat(join(queued)).containsExactly(4, 6);
    assertThat(model.closed).isTrue();
  }

  @Test
  void closeFailsWorkStillQueuedAfterTheGracePeriod() throws Exception {
    GatedDoubler model = new GatedDoubler();
    BatchingEngine<Integer, Integer> engine = engine(NO_DELAY, model);
    engine.submit(List.of(1));
    model.entered.await();
    List<CompletableFuture<Integer>> queued = engine.submit(List.of(2));

    assertThat(engine.close(Duration.ZERO)).isFalse();
    assertThatThrownBy(() -> queued.get(0).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ModelUnavailableException.class);
  }

  @Test
  void runsOnePredictorPerWorker() throws Exception {
    List<BatchPredictor<Integer, Integer>> made = Collections.synchronizedList(new ArrayList<>());
    BatchingEngine<Integer, Integer> engine =
        new BatchingEngine<>(
            "pool",
            new BatchingOptions(4, Duration.ZERO, 100, 3, LONG),
            () -> {
              BatchPredictor<Integer, Integer> p = batch -> batch;
              made.add(p);
              return p;
            },
            EngineListener.NONE);
    engines.add(engine);

    assertThat(made).hasSize(3);
    assertThat(engine.call(range(0, 50))).isEqualTo(range(0, 50));
  }

  @Test
  void rejectsNonsensicalOptionsNamingTheArgument() {
    assertThatThrownBy(() -> new BatchingOptions(0, Duration.ZERO, 100, 1, LONG))
        .hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> new BatchingOptions(4, Duration.ZERO, 0, 1, LONG))
        .hasMessageContaining("queueCapacity");
    assertThatThrownBy(() -> new BatchingOptions(4, Duration.ZERO, 100, 0, LONG))
        .hasMessageContaining("workers");
    assertThatThrownBy(() -> new BatchingOptions(4, Duration.ZERO, 100, 1, Duration.ZERO))
        .hasMessageContaining("timeout");
    assertThatThrownBy(() -> new BatchingOptions(4, Duration.ofMillis(-1), 100, 1, LONG))
        .hasMessageContaining("maxBatchDelay");
  }

  private static void awaitRefusal(BatchingEngine<Integer, Integer> engine) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (engine.accepting()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("engine kept accepting work after close began");
      }
      Thread.onSpinWait();
    }
    assertThatThrownBy(() -> engine.submit(List.of(99)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("shutting down");
  }

  @Test
  void aWorkerKilledByAnErrorFailsItsBatchCountsAsDownAndIsStartedAgain() throws Exception {
    AtomicInteger predictors = new AtomicInteger();
    List<Throwable> deaths = Collections.synchronizedList(new ArrayList<>());
    EngineListener listener = new EngineListener() {
      @Override
      public void workerDied(String model, Throwable error) {
        deaths.add(error);
      }
    };
    BatchingOptions options =
        new BatchingOptions(4, Duration.ZERO, 100, 1, LONG, Duration.ofMillis(200));
    BatchingEngine<Integer, Integer> engine = new BatchingEngine<>("test", options, () -> {
      predictors.incrementAndGet();
      return batch -> {
        if (batch.contains(-1)) {
          // What an allocation past the heap does to the worker thread.
          throw new OutOfMemoryError("Java heap space");
        }
        return batch.stream().map(i -> i * 2).toList();
      };
    }, listener, System::nanoTime);
    engines.add(engine);

    assertThatThrownBy(() -> engine.call(List.of(-1)))
        .isInstanceOf(InferenceException.class)
        .hasMessageContaining("worker died")
        .hasMessageContaining("OutOfMemoryError");
    // Counted down before the caller heard of it, so readiness already says so.
    assertThat(engine.healthy()).isFalse();
    assertThat(engine.workersDown()).isEqualTo(1);
    assertThatThrownBy(() -> engine.call(List.of(1)))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("no live worker");

    awaitTrue(engine::healthy, Duration.ofSeconds(5));
    assertThat(engine.call(List.of(3))).containsExactly(6);
    assertThat(predictors).hasValue(2);
    assertThat(deaths).singleElement().isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aClosedEngineDoesNotStartADeadWorkerAgain() throws Exception {
    AtomicInteger predictors = new AtomicInteger();
    CountDownLatch died = new CountDownLatch(1);
    BatchingOptions options =
        new BatchingOptions(4, Duration.ZERO, 100, 1, LONG, Duration.ofMillis(100));
    BatchingEngine<Integer, Integer> engine = new BatchingEngine<>("test", options, () -> {
      predictors.incrementAndGet();
      return batch -> {
        throw new StackOverflowError();
      };
    }, new EngineListener() {
      @Override
      public void workerDied(String model, Throwable error) {
        died.countDown();
      }
    }, System::nanoTime);

    assertThatThrownBy(() -> engine.call(List.of(1))).isInstanceOf(InferenceException.class);
    assertThat(died.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.close(Duration.ofSeconds(1))).isTrue();
    Thread.sleep(300); // three restart delays: a restart would have made a second predictor
    assertThat(predictors).hasValue(1);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not true within " + within);
      }
      Thread.sleep(10);
    }
  }
}
