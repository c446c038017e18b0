package io.challengeradar.contract;

/**
 * The lifecycle of a challenge, in the order it usually goes through it, as the CEP rules name
 * it. Written by its constant's name ({@code EMERGING}) in the {@code stage} fields.
 */
public enum Stage {
  EMERGING,
  ACCELERATING,
  PEAKED,
  FADING
}
