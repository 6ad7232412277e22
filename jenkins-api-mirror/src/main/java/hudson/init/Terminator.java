// Mirror (compile-only, never shipped) of jenkinsci/jenkins core/src/main/java/hudson/init/Terminator.java at ff9430ee1dc6: upstream's signatures, bodies only where unit tests run them.
package hudson.init;

import static hudson.init.TermMilestone.COMPLETED;
import static hudson.init.TermMilestone.STARTED;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Documented
@Retention(RUNTIME)
@Target(ElementType.METHOD)
public @interface Terminator {
    TermMilestone after() default STARTED;

    TermMilestone before() default COMPLETED;

    String[] requires() default {};

    String[] attains() default {};

    String displayName() default "";
}
