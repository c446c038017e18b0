package io.challengeradar.contract;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of one kind of document: every name its template maps, the names every document must
 * carry with a value, and the fields that are objects with fields of their own.
 *
 * @param names every field, in declaration order
 * @param required fields every document has, never null
 * @param objects the fields that hold objects, with those objects' fields
 */
public record DocumentFields(
    Set<String> names, Set<String> required, Map<String, DocumentFields> objects) {

  public DocumentFields {
    names = Collections.unmodifiableSet(
        new LinkedHashSet<>(Objects.requireNonNull(names, "names")));
    required = Set.copyOf(Objects.requireNonNull(required, "required"));
    objects = Map.copyOf(Objects.requireNonNull(objects, "objects"));
    for (String r : required) {
      if (!names.contains(r)) {
        throw new IllegalArgumentException("required field " + r + " is not one of " + names);
      }
    }
    for (String o : objects.keySet()) {
      if (!names.contains(o)) {
        throw new IllegalArgumentException("object field " + o + " is not one of " + names);
      }
    }
  }

  /**
   * The {@code public static final String} constants of {@code constants} are the field names:
   * declaring a constant is declaring the field, so the set cannot miss one.
   */
  public static DocumentFields declaredIn(
      Class<?> constants, Set<String> required, Map<String, DocumentFields> objects) {
    Set<String> names = new LinkedHashSet<>();
    for (Field f : constants.getDeclaredFields()) {
      int m = f.getModifiers();
      if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)
          && f.getType() == String.class) {
        try {
          names.add((String) f.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("cannot read " + f, e);
        }
      }
    }
    return new DocumentFields(names, required, objects);
  }

  public boolean has(String name) {
    return names.contains(name);
  }
}
