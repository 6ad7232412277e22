// Mirror (compile-only, never shipped) of jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java at 135bbbc88aa4: upstream's signatures, bodies only where unit tests run them.
package org.kohsuke.stapler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD})
@Documented
public @interface DataBoundSetter {}
