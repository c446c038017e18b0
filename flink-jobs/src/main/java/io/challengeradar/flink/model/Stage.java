package io.challengeradar.flink.model;

/** The lifecycle of a challenge, in the order it usually goes through it. */
public enum Stage {
  EMERGING,
  ACCELERATING,
  PEAKED,
  FADING
}
