package io.jenkins.plugins.kargo.promotion.expression;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.introspection.JexlPermissions;

/**
 * What JEXL's introspection may touch: reading map entries and list elements, and calling the methods an
 * {@link ExpressionFunctions} class declares. Every other class, method, field and constructor is invisible, so
 * {@code ''.class}, {@code x.getClass()} or {@code new(...)} find nothing to call.
 */
final class SandboxPermissions implements JexlPermissions {

    @Override
    public boolean allow(Package pack) {
        return true; // decided per class and member below
    }

    @Override
    public boolean allow(Class<?> clazz) {
        return clazz != null && (isFunctions(clazz) || Map.class.isAssignableFrom(clazz)
                || List.class.isAssignableFrom(clazz));
    }

    @Override
    public boolean allow(Constructor<?> ctor) {
        return false;
    }

    @Override
    public boolean allow(Field field) {
        return false;
    }

    @Override
    public boolean allow(Method method) {
        if (method == null || !Modifier.isPublic(method.getModifiers())) {
            return false;
        }
        Class<?> owner = method.getDeclaringClass();
        if (isFunctions(owner)) {
            return !Modifier.isStatic(method.getModifiers());
        }
        boolean container = Map.class.isAssignableFrom(owner) || List.class.isAssignableFrom(owner);
        return container && method.getName().equals("get") && method.getParameterCount() == 1;
    }

    @Override
    public JexlPermissions compose(String... src) {
        throw new UnsupportedOperationException("the expression sandbox is not extended by text rules");
    }

    private static boolean isFunctions(Class<?> clazz) {
        return ExpressionFunctions.class.isAssignableFrom(clazz) && clazz != ExpressionFunctions.class;
    }
}
