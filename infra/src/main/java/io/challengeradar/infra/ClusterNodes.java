package io.challengeradar.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The processes of one kind in a local cluster (Elasticsearch nodes, Kafka brokers, Kafka
 * controllers), numbered from 1. Each is made from its own recipe (options, ports, folders), so
 * one that was killed or stopped is started again by the same recipe, on its own data. A node of
 * a cluster answers only once enough of the others run, so {@link #spawnAll} starts every process
 * before {@link #awaitAll} waits on any.
 *
 * @param <N> the launcher of one process
 */
final class ClusterNodes<N extends AutoCloseable> {
  private final Consumer<N> spawn;
  private final Consumer<N> awaitReady;
  private final List<Supplier<N>> recipes = new ArrayList<>();
  private final List<N> nodes = new ArrayList<>();

  /**
   * @param spawn starts a launcher's process without waiting
   * @param awaitReady waits until it answers, stopping it on failure
   */
  ClusterNodes(Consumer<N> spawn, Consumer<N> awaitReady) {
    this.spawn = spawn;
    this.awaitReady = awaitReady;
  }

  /** Adds a node (not started) that {@code recipe} makes, now and at each restart. */
  synchronized void add(Supplier<N> recipe) {
    recipes.add(recipe);
    nodes.add(recipe.get());
  }

  synchronized void spawnAll() {
    nodes.forEach(spawn);
  }

  synchronized void awaitAll() {
    nodes.forEach(awaitReady);
  }

  /** Node {@code index} (1-based), as last started. */
  synchronized N get(int index) {
    return nodes.get(index - 1);
  }

  synchronized List<N> all() {
    return List.copyOf(nodes);
  }

  /**
   * Stops node {@code index} if it still runs (a killed one only has its state file removed),
   * starts it again from its recipe and returns once it answers.
   */
  synchronized N restart(int index) {
    N old = nodes.get(index - 1);
    Shutdown.inOrder(List.of(old), ClusterNodes::asFailure);
    N fresh = recipes.get(index - 1).get();
    nodes.set(index - 1, fresh);
    spawn.accept(fresh);
    awaitReady.accept(fresh);
    return fresh;
  }

  /** Stops every node one after the other, the last first. */
  synchronized void closeLastFirst() {
    List<N> lastFirst = new ArrayList<>(nodes);
    Collections.reverse(lastFirst);
    Shutdown.inOrder(lastFirst, ClusterNodes::asFailure);
  }

  /**
   * Stops every node at the same time, so one stop timeout covers them all; every one is
   * stopped even when another fails, and the first failure is thrown.
   */
  synchronized void closeTogether() {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (N node : nodes) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          Shutdown.inOrder(List.of(node), ClusterNodes::asFailure);
          done.complete(null);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      }, "stop-cluster-node");
      t.start();
      stopping.add(done);
    }
    List<AutoCloseable> joins = stopping.stream()
        .<AutoCloseable>map(done -> () -> join(done)).toList();
    Shutdown.inOrder(joins, ClusterNodes::asFailure);
  }

  private static void join(CompletableFuture<Void> done) {
    try {
      done.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static RuntimeException asFailure(Exception e) {
    return e instanceof RuntimeException r
        ? r : new PlatformException("stopping a node failed: " + e.getMessage(), e);
  }
}
