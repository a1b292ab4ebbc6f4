package io.kpbench.cluster.manifest;

import io.kpbench.common.UserError;
import io.kpbench.cluster.ObjectRef;

/**
 * The object being converted, as error messages name it ({@code Service default/web} in {@code cluster.yaml}),
 * and the string pool its converter shares repeated strings through.
 *
 * @param file the file name as the user gave it
 * @param kind the object kind
 * @param ref the object's namespace and name (empty namespace for Nodes)
 * @param pool the pool for repeated strings
 */
record ObjectContext(String file, String kind, ObjectRef ref, StringPool pool) {

    /** The one-line error for {@code field} of this object. */
    UserError error(String field, String reason) {
        return UserError.at(file, label(), field, reason);
    }

    /** {@code Kind ns/name}. */
    String label() {
        return kind + " " + ref;
    }
}
