package org.optline.test;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;

/** Which Optline modules a test context holds beans of: what an application module test booted. */
public final class ModuleBeans {

    private static final String ROOT = "org.optline.";

    private ModuleBeans() {}

    /** The modules (top-level packages under org.optline) of the context's beans. */
    public static Set<String> modules(ApplicationContext context) {
        return Arrays.stream(context.getBeanDefinitionNames())
                .map(context::getType)
                .filter(Objects::nonNull)
                .map(Class::getName)
                .filter(name -> name.startsWith(ROOT) && name.indexOf('.', ROOT.length()) > 0)
                .map(name -> name.substring(ROOT.length(), name.indexOf('.', ROOT.length())))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
