package io.challengeradar.training.data;

/** What every data set's video has for the virality task: its author, caption, views and time. */
public interface ViewedVideo {
  String user();

  String caption();

  long views();

  /** Epoch seconds. */
  long postedAt();
}
