package io.challengeradar.contract;

/** A shipped index template is unreadable or malformed, or Elasticsearch would not take it. */
public class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TemplateException(String message) {
    super(message);
  }

  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
