package io.challengeradar.config;

import java.io.Serializable;

/**
 * How one kind of setting is read from text and written back. {@link #parse} throws an
 * {@link IllegalArgumentException} whose message is the reason alone ("is not a duration like
 * 1h"); the caller adds the key and where the text came from.
 *
 * @param <T> the value's type
 */
public interface OptionType<T> extends Serializable {
  /** A short name for tables ("duration", "int", "url"). */
  String name();

  T parse(String text);

  /** The text {@link #parse} reads back as {@code value}; null prints as the empty string. */
  String format(T value);
}
