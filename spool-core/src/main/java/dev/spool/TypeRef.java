package dev.spool;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type for outputs such as {@code List<String>}: {@code new
 * TypeRef<List<String>>() {}}.
 */
public abstract class TypeRef<T> {
  private final Type type;

  protected TypeRef() {
    Type sup = getClass().getGenericSuperclass();
    if (!(sup instanceof ParameterizedType p)) {
      throw new IllegalStateException("TypeRef needs a type argument: new TypeRef<List<X>>() {}");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  public Type type() {
    return type;
  }
}
