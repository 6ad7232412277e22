// Mirror (compile-only, never shipped) of jenkinsci/lib-symbol-annotation src/main/java/org/jenkinsci/Symbol.java at 8a5658c51991: upstream's signatures, bodies only where unit tests run them.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
