package io.tao4j.mantis.ledger;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values a {@link PickleMachine} builds. Python's {@code None}, {@code bool}, {@code int}, {@code float}
 * and {@code str} are Java's {@code null}, {@link Boolean}, {@link Long} (or {@link BigInteger} past 64 bits),
 * {@link Double} and {@link String}; everything else is a {@link Py}. A shape (the subclass of the machine
 * that knows what the pickle should hold) may subclass the containers to give them a role; such containers
 * are not "plain": the machine then leaves their items to the shape.
 */
final class PickleValues {
    private PickleValues() {}

    /** Base of the objects that can be memoized and released. */
    abstract static class Py {
        /** The memo index this object was stored at, or -1. */
        long memo = -1;

        /** Plain containers hold their items for the machine; a shape's containers do not. */
        boolean plain() {
            return true;
        }

        /** Objects that stay referenceable in the memo however often they are released (e.g. a dtype). */
        boolean pinned() {
            return false;
        }

        /**
         * Called when the object is released: pushes the values it holds (to be released too) onto
         * {@code todo}, forgets them and returns how many container elements that freed.
         */
        long releaseInto(ArrayDeque<Object> todo) {
            return 0;
        }

        abstract String describe();
    }

    static final class PyBytes extends Py {
        final byte[] b;

        PyBytes(byte[] b) {
            this.b = b;
        }

        @Override
        String describe() {
            return "bytes";
        }
    }

    static final class PyTuple extends Py {
        final Object[] items;

        PyTuple(Object[] items) {
            this.items = items;
        }

        @Override
        long releaseInto(ArrayDeque<Object> todo) {
            pushAll(todo, Arrays.asList(items));
            return items.length;
        }

        @Override
        String describe() {
            return "tuple";
        }
    }

    static class PyList extends Py {
        final List<Object> items = new ArrayList<>();

        @Override
        long releaseInto(ArrayDeque<Object> todo) {
            return plain() ? releaseItems(todo, items) : 0;
        }

        @Override
        String describe() {
            return "list";
        }
    }

    static final class PySet extends Py {
        final List<Object> items = new ArrayList<>();

        @Override
        long releaseInto(ArrayDeque<Object> todo) {
            return releaseItems(todo, items);
        }

        @Override
        String describe() {
            return "set";
        }
    }

    static class PyDict extends Py {
        final Map<Object, Object> items = new LinkedHashMap<>();

        @Override
        long releaseInto(ArrayDeque<Object> todo) {
            if (!plain()) {
                return 0;
            }
            long n = 2L * items.size();
            for (Map.Entry<Object, Object> e : items.entrySet()) {
                if (e.getKey() instanceof Py) {
                    todo.push(e.getKey());
                }
                if (e.getValue() instanceof Py) {
                    todo.push(e.getValue());
                }
            }
            items.clear();
            return n;
        }

        @Override
        String describe() {
            return "dict";
        }
    }

    /** A class or function named by GLOBAL / STACK_GLOBAL (after the shape admitted it). */
    record PyGlobal(String module, String name) {
        boolean is(String mod, String n) {
            return module.equals(mod) && name.equals(n);
        }

        /** numpy moved its private modules from {@code numpy.core} to {@code numpy._core} in 2.0. */
        boolean numpy(String sub, String n) {
            return name.equals(n) && (module.equals("numpy.core." + sub) || module.equals("numpy._core." + sub));
        }

        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** An instance of a class (NEWOBJ, REDUCE of a class) with its arguments and BUILD state. */
    static class PyObject extends Py {
        final PyGlobal cls;
        Object args;
        Object state;
        boolean built;

        PyObject(PyGlobal cls) {
            this.cls = cls;
        }

        @Override
        String describe() {
            return cls + " object";
        }
    }

    /** Pushes the objects among {@code items} onto {@code todo}, forgets the items and returns how many there were. */
    private static long releaseItems(ArrayDeque<Object> todo, List<Object> items) {
        long n = items.size();
        pushAll(todo, items);
        items.clear();
        return n;
    }

    private static void pushAll(ArrayDeque<Object> todo, List<Object> items) {
        for (Object x : items) {
            if (x instanceof Py) {
                todo.push(x);
            }
        }
    }

    /** Python's name for the type of {@code o}, for error messages. */
    static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Py p) {
            return p.describe();
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof Long || o instanceof BigInteger) {
            return "int";
        }
        if (o instanceof Double) {
            return "float";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof PyGlobal g) {
            return "global " + g;
        }
        return o.getClass().getSimpleName();
    }
}
